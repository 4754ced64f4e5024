-- The attempt is charged before the extraction runs (etl_claim_charge, its own transaction in the
-- runner): the items are leased and counted; etl_claim then extracts them without charging
-- again, and etl_claim_refund hands back what it did not extract.
BEGIN;
SELECT plan(6);

DELETE FROM executions WHERE id <= 18;
SELECT etl_reconcile(interval '100 years');
UPDATE etl_processing_queue SET priority = 10 WHERE execution_id NOT IN (1, 2);

SELECT is(etl_claim_charge('pgtap:1', 2, 60), 2, 'two items taken');
SELECT results_eq(
    $$SELECT execution_id, status, attempts, extraction_pending FROM etl_processing_queue
      WHERE execution_id IN (1, 2) ORDER BY 1$$,
    $$VALUES (1::bigint, 'processing'::text, 1, true), (2, 'processing', 1, true)$$,
    'leased and charged before any extraction'
);
SELECT results_eq(
    $$SELECT execution_id, attempt FROM etl_claim('pgtap:1', 2, 60) ORDER BY 1$$,
    $$VALUES (1::bigint, 1), (2, 1)$$,
    'the claim extracts exactly the charged items, charging nothing more'
);
SELECT is(etl_claim_charge('pgtap:2', 1, 60), 1, 'another runner takes one');
SELECT is(etl_claim_refund('pgtap:2'), 1, 'its charge refunded');
SELECT results_eq(
    $$SELECT status, attempts, extraction_pending FROM etl_processing_queue WHERE claimed_by = 'pgtap:2'$$,
    $$VALUES ('pending'::text, 0, false)$$,
    'pending again, its attempt given back'
);

SELECT * FROM finish();
ROLLBACK;
