-- Stage 1 in the health_window: executions recorded by source, and lag from n8n's stoppedAt to the
-- dashboard row for live executions with a recorded stoppedAt.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(2);

TRUNCATE executions CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, created_at
) VALUES
(1, 'wf', now() - interval '1 minute', now() - interval '1 minute', 0, 'success', 'webhook', true, 'trigger',
 now() - interval '1 minute' + interval '100 milliseconds'),
(2, 'wf', now() - interval '2 minutes', now() - interval '2 minutes', 0, 'success', 'webhook', true, 'trigger',
 now() - interval '2 minutes' + interval '200 milliseconds'),
(3, 'wf', now() - interval '3 minutes', now() - interval '3 minutes', 0, 'success', 'webhook', true, 'outbox',
 now() - interval '3 minutes' + interval '1 second'),
(4, 'wf', now() - interval '5 minutes', now() - interval '5 minutes', 0, 'error', 'webhook', true, 'reconcile',
 now() - interval '4 minutes'),
-- not timed: a backfill, and an execution without a recorded stoppedAt
(5, 'wf', now() - interval '30 days', now() - interval '30 days', 0, 'success', 'webhook', true, 'backfill', now()),
(6, 'wf', now() - interval '2 hours', now() - interval '2 hours', 0, 'crashed', 'webhook', false, 'trigger', now()),
-- before the window
(7, 'wf', now() - interval '3 hours', now() - interval '3 hours', 0, 'success', 'webhook', true, 'trigger',
 now() - interval '2 hours');

SELECT results_eq(
    $$SELECT health_window, stage1_ingested, stage1_recovered, stage1_backfilled, last_ingested_at
      FROM etl_pipeline_health$$,
    $$VALUES (interval '1 hour', 6::bigint, 2::bigint, 1::bigint, now())$$,
    'executions recorded in the window, by how Stage 1 got them'
);
SELECT results_eq(
    $$SELECT stage1_lag_avg_ms, stage1_lag_p50_ms, stage1_lag_p99_ms, stage1_lag_max_ms FROM etl_pipeline_health$$,
    $$VALUES (15325.0, 600.0, 58230.0, 60000.0)$$,
    'lag avg, p50, p99 and max over the four timed live executions'
);

SELECT * FROM finish();
ROLLBACK;
