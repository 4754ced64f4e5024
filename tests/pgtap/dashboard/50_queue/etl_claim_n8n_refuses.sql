-- When n8n's database refuses the read itself (SQLSTATE class 42: here a table an n8n upgrade
-- renamed; a revoked grant gives 42501 alike), etl_claim raises SAI03 and changes nothing: a
-- systemic fault spends no attempt of any item (the runner pauses until it is gone).
BEGIN;
SELECT plan(3);

DELETE FROM etl_processing_queue;
SELECT etl_ingest_execution(
    5, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL,
    '2026-11-28 13:35:42.801+00', '2026-11-28 13:35:42.828+00', '2026-11-28 13:35:42.869+00'
);
UPDATE etl_processing_queue SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE execution_id = 5;
ALTER FOREIGN TABLE n8n.execution_data OPTIONS (SET table_name 'execution_data_renamed');

SELECT throws_ok(
    $$SELECT * FROM etl_claim('pgtap:1', 5, 60)$$,
    'SAI03',
    NULL,
    'the claim fails with SAI03'
);
SELECT throws_like(
    $$SELECT * FROM etl_claim('pgtap:1', 5, 60)$$,
    'etl_claim: n8n''s database refuses the read, nothing claimed: relation "public.execution_data_renamed" does not exist%',
    'the message names the cause'
);
SELECT results_eq(
    $$SELECT status, attempts, deferrals, last_error FROM etl_processing_queue WHERE execution_id = 5$$,
    $$VALUES ('pending'::text, 0, 0, NULL::text)$$,
    'the item is as it was: no attempt spent, no error recorded'
);

SELECT * FROM finish();
ROLLBACK;
