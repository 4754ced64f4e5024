-- When n8n's database cannot be read, etl_claim raises sai-etl's "n8n unreachable" (SQLSTATE
-- SAI02) and changes nothing: an n8n outage spends no attempt and defers nothing (the runner
-- backs off and claims again).
BEGIN;
SELECT plan(3);

SELECT etl_ingest_execution(
    900601, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL, now(), now(), now()
);
ALTER SERVER sai_n8n OPTIONS (SET dbname 'sai_no_such_db');

SELECT throws_ok(
    $$SELECT * FROM etl_claim('pgtap:1', 5, 60)$$,
    'SAI02',
    NULL,
    'the claim fails with the n8n-unreachable SQLSTATE'
);
SELECT throws_like(
    $$SELECT * FROM etl_claim('pgtap:1', 5, 60)$$,
    'etl_claim: cannot read n8n''s database, nothing claimed: could not connect to server "sai_n8n"%',
    'the message names the cause'
);
SELECT results_eq(
    $$SELECT status, attempts, deferrals, claimed_by, last_error FROM etl_processing_queue
      WHERE execution_id = 900601$$,
    $$VALUES ('pending'::text, 0, 0, NULL::text, NULL::text)$$,
    'the item is as it was: no attempt spent, no deferral, no error recorded'
);

SELECT * FROM finish();
ROLLBACK;
