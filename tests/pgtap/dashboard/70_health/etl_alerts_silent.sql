-- A healthy pipeline fires nothing: every check is evaluated and none fires.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(2);

TRUNCATE executions, etl_runner_heartbeats CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';

SELECT etl_heartbeat('a:1');
INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, created_at
)
SELECT i, 'wf', now() - interval '3 seconds', now() - interval '3 seconds', 0, 'success', 'webhook', true, 'trigger',
       now() - interval '2 seconds'
FROM generate_series(1, 3) AS i;
INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at, processing_time_ms) VALUES
(1, 'completed', 1, now() - interval '1 minute', 1200),
(2, 'completed', 1, now() - interval '1 minute', 900),
(3, 'pending', 0, NULL, NULL);

SELECT results_eq(
    $$SELECT alert, firing FROM etl_alert_checks ORDER BY alert$$,
    $$VALUES
        ('failed_increasing', false), ('image_disk_low', false), ('image_root_large', false),
        ('n8n_unreachable', false), ('outbox_not_draining', false),
        ('queue_backlog', false), ('runner_silent', false), ('slow_processing', false),
        ('stage1_lag', false), ('stage2_paused', false), ('vacuum_held_back', false)$$,
    'every check is evaluated and none fires'
);
SELECT is_empty($$SELECT * FROM etl_alerts$$, 'so no alert is listed');

SELECT * FROM finish();
ROLLBACK;
