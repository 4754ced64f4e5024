-- Replaying the same execution changes nothing.
BEGIN;
SELECT plan(3);

SELECT etl_ingest_execution(800101, 'wf1', 'success', 'webhook', NULL, now(), now(), now());
CREATE TEMP TABLE before_replay AS
SELECT e.*, q.id AS queue_id, q.created_at AS queued_at FROM executions e JOIN etl_processing_queue q ON q.execution_id = e.id
WHERE e.id = 800101;
UPDATE etl_processing_queue SET status = 'completed', completed_at = now() WHERE execution_id = 800101;

SELECT is(
    etl_ingest_execution(800101, 'wf1', 'success', 'webhook', NULL,
        (SELECT execution_timestamp FROM before_replay), (SELECT execution_timestamp FROM before_replay),
        (SELECT completion_timestamp FROM before_replay), 'outbox'),
    false,
    'a replay reports no change'
);
SELECT results_eq(
    $$SELECT e.*, q.id, q.created_at FROM executions e JOIN etl_processing_queue q ON q.execution_id = e.id WHERE e.id = 800101$$,
    $$SELECT * FROM before_replay$$,
    'the row and its queue item are untouched (source stays trigger)'
);
SELECT is(
    (SELECT status FROM etl_processing_queue WHERE execution_id = 800101), 'completed',
    'finished Stage 2 work is not redone'
);

SELECT * FROM finish();
ROLLBACK;
