-- Each alert fires when its figure crosses its threshold from etl_settings.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(3);

TRUNCATE executions, etl_runner_heartbeats CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';
UPDATE etl_settings SET value = '1' WHERE key = 'alert_pending_max';
UPDATE etl_settings SET value = '10 seconds' WHERE key = 'alert_avg_processing';
UPDATE etl_settings SET value = '0' WHERE key = 'alert_failed_max';
UPDATE etl_settings SET value = '1 minute' WHERE key = 'alert_stage1_lag';
UPDATE etl_settings SET value = '1 minute' WHERE key = 'alert_runner_silent';

INSERT INTO etl_runner_heartbeats (worker, started_at, last_seen_at) VALUES ('a:1', now() - interval '1 day', now() - interval '2 minutes');
INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, created_at
)
SELECT i, 'wf', now() - interval '3 minutes', now() - interval '3 minutes', 0, 'success', 'webhook', true, 'trigger',
       now() - interval '1 minute'
FROM generate_series(1, 4) AS i;
INSERT INTO etl_processing_queue (execution_id, status, attempts, last_error, completed_at, processing_time_ms) VALUES
(1, 'pending', 0, NULL, NULL, NULL),
(2, 'pending', 0, NULL, NULL, NULL),
(3, 'completed', 1, NULL, now() - interval '1 minute', 20000),
(4, 'failed', 5, 'boom', now() - interval '1 minute', NULL);

SELECT results_eq(
    $$SELECT alert, severity, observed, threshold, unit FROM etl_alerts$$,
    $$VALUES
        ('runner_silent', 'critical', 120::numeric, 60::numeric, 'seconds'),
        ('failed_increasing', 'warning', 1, 0, 'items'),
        ('queue_backlog', 'warning', 2, 1, 'items'),
        ('slow_processing', 'warning', 20, 10, 'seconds'),
        ('stage1_lag', 'warning', 120, 60, 'seconds')$$,
    'the five alerts fire, critical first, with figure and threshold'
);
SELECT is(
    (SELECT message FROM etl_alerts WHERE alert = 'queue_backlog'),
    '2 items pending Stage 2 (alert above 1)',
    'each says what it saw'
);

DELETE FROM etl_runner_heartbeats;
SELECT is(
    (SELECT message FROM etl_alerts WHERE alert = 'runner_silent'),
    'no runner has sent a heartbeat',
    'runner_silent fires also when no runner ever reported'
);

SELECT * FROM finish();
ROLLBACK;
