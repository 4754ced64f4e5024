-- The sweep's housekeeping call prunes the queue, refreshes the quality rollup and forgets
-- runners silent for longer than queue_retention.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(3);

TRUNCATE executions, etl_maintenance, etl_data_quality_days, etl_runner_heartbeats CASCADE;
UPDATE etl_settings SET value = '7 days' WHERE key = 'queue_retention';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
) VALUES (1, 'wf', '2026-01-10 08:00Z', '2026-01-10 08:00Z', 0, 'success', 'webhook', true, 'trigger');
INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at)
VALUES (1, 'completed', 1, now() - interval '8 days');
INSERT INTO etl_runner_heartbeats (worker, started_at, last_seen_at) VALUES
('gone:1', now() - interval '9 days', now() - interval '8 days'),
('alive:2', now() - interval '1 day', now());

SELECT results_eq(
    $$SELECT pruned, quality_days, heartbeats_pruned FROM etl_maintenance()$$,
    $$VALUES (1, 1, 1)$$,
    'one call does all three'
);
SELECT results_eq(
    $$SELECT worker FROM etl_runner_heartbeats$$,
    $$VALUES ('alive:2')$$,
    'the live runner stays'
);
SELECT results_eq(
    $$SELECT job FROM etl_maintenance ORDER BY job$$,
    $$VALUES ('data_quality'), ('prune_queue')$$,
    'both jobs are recorded'
);

SELECT * FROM finish();
ROLLBACK;
