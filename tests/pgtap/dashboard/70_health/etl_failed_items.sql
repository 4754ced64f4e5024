-- Failed and skipped items, newest first, with their error and the command that reopens them.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(1);

TRUNCATE executions CASCADE;

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', '2026-01-10 08:00Z', '2026-01-10 08:00Z', 0, 'success', 'webhook', true, 'trigger'
FROM generate_series(1, 4) AS i;
INSERT INTO etl_processing_queue (execution_id, status, attempts, last_error, claimed_by, completed_at) VALUES
(1, 'failed', 5, 'extraction failed: boom', 'h:1', now() - interval '2 minutes'),
(2, 'skipped', 1, 'source gone: execution deleted', 'h:1', now() - interval '1 minute'),
(3, 'completed', 1, NULL, 'h:1', now()),
(4, 'pending', 2, 'image store failed', 'h:1', NULL);

SELECT results_eq(
    $$SELECT execution_id, workflow_id, status, attempts, max_attempts, last_error, claimed_by, failed_at, next_action
      FROM etl_failed_items$$,
    $$VALUES
        (2::bigint, 'wf', 'skipped', 1, 5, 'source gone: execution deleted', 'h:1', now() - interval '1 minute',
         'sai-etl retry --skipped 2'),
        (1, 'wf', 'failed', 5, 5, 'extraction failed: boom', 'h:1', now() - interval '2 minutes',
         'sai-etl retry 1')$$,
    'only final failures, newest first, each with its next action'
);

SELECT * FROM finish();
ROLLBACK;
