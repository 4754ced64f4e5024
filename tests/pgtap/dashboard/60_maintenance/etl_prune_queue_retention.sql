-- Retention deletes completed queue items past queue_retention, oldest first, in batches, and
-- keeps everything that still needs the queue.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(5);

TRUNCATE executions, etl_maintenance CASCADE;
UPDATE etl_settings SET value = '7 days' WHERE key = 'queue_retention';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', now() - interval '13 days', now() - interval '13 days', 0, 'success', 'webhook', true, 'trigger'
FROM generate_series(1, 7) AS i;

INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at, processing_time_ms) VALUES
(1, 'completed', 1, now() - interval '12 days', 10),
(2, 'completed', 1, now() - interval '11 days', 10),
(3, 'completed', 1, now() - interval '10 days', 10),
(4, 'completed', 1, now() - interval '6 days', 10),
(5, 'failed', 5, now() - interval '10 days', NULL),
(6, 'skipped', 1, now() - interval '10 days', NULL),
(7, 'pending', 0, NULL, NULL);

SELECT is(etl_prune_queue(2), 2, 'a call deletes at most its batch');
SELECT results_eq(
    $$SELECT execution_id FROM etl_processing_queue ORDER BY execution_id$$,
    $$VALUES (3::bigint), (4), (5), (6), (7)$$,
    'oldest completed items first'
);
SELECT is(etl_prune_queue(), 1, 'the next call deletes the rest past retention');
SELECT results_eq(
    $$SELECT execution_id FROM etl_processing_queue ORDER BY execution_id$$,
    $$VALUES (4::bigint), (5), (6), (7)$$,
    'recent completed, failed, skipped and pending items stay'
);
SELECT results_eq(
    $$SELECT last_count, total_count, runs FROM etl_maintenance WHERE job = 'prune_queue'$$,
    $$VALUES (1::bigint, 3::bigint, 2::bigint)$$,
    'each run is recorded for health'
);

SELECT * FROM finish();
ROLLBACK;
