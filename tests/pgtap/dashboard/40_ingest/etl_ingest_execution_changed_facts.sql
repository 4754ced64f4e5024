-- When n8n's facts change (a finish rolled back, then finished again), the row follows them and
-- Stage 2 runs again.
BEGIN;
SELECT plan(2);

SELECT etl_ingest_execution(800201, 'wf1', 'success', 'webhook', NULL, now(), now(), now());
UPDATE etl_processing_queue SET status = 'completed', attempts = 1, completed_at = now() WHERE execution_id = 800201;

SELECT is(
    etl_ingest_execution(800201, 'wf1', 'crashed', 'webhook', NULL, now(), now(), now() + interval '1 minute'),
    true,
    'changed facts are recorded'
);
SELECT results_eq(
    $$SELECT e.status, e.duration_ms, q.status, q.attempts
      FROM executions e JOIN etl_processing_queue q ON q.execution_id = e.id WHERE e.id = 800201$$,
    $$VALUES ('crashed', 60000::bigint, 'pending', 0)$$,
    'the row is updated and the item is pending again'
);

SELECT * FROM finish();
ROLLBACK;
