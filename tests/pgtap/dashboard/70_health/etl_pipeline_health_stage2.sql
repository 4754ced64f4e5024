-- Stage 2 latency, queued to completed, over the window's new executions (not backfill priority).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(1);

TRUNCATE executions CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', now(), now(), 0, 'success', 'webhook', true, 'trigger'
FROM generate_series(1, 4) AS i;
INSERT INTO etl_processing_queue (execution_id, status, priority, attempts, created_at, completed_at) VALUES
(1, 'completed', 1, 1, now() - interval '10 minutes', now() - interval '10 minutes' + interval '1 second'),
(2, 'completed', 1, 1, now() - interval '20 minutes', now() - interval '20 minutes' + interval '3 seconds'),
(3, 'completed', 10, 1, now() - interval '5 days', now() - interval '1 minute'),
(4, 'completed', 1, 1, now() - interval '3 hours', now() - interval '2 hours');

SELECT results_eq(
    $$SELECT stage2_latency_p50_ms, stage2_latency_p99_ms FROM etl_pipeline_health$$,
    $$VALUES (2000.0, 2980.0)$$,
    'p50 and p99 of the two new executions completed in the window'
);

SELECT * FROM finish();
ROLLBACK;
