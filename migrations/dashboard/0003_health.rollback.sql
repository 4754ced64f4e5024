-- The health views and functions (sql/dashboard/8x, 9x) go with the tables they read.
DROP FUNCTION IF EXISTS etl_health_json();
DROP FUNCTION IF EXISTS etl_execution_status(bigint);
DROP VIEW IF EXISTS etl_alerts;
DROP VIEW IF EXISTS etl_alert_checks;
DROP FUNCTION IF EXISTS etl_alert_evaluate(etl_queue_health, etl_pipeline_health);
DROP VIEW IF EXISTS etl_pipeline_health;
DROP VIEW IF EXISTS etl_data_quality_daily;
DROP VIEW IF EXISTS etl_data_quality;
DROP VIEW IF EXISTS etl_failed_items;
DROP VIEW IF EXISTS etl_queue_health;
DROP FUNCTION IF EXISTS etl_n8n_link_health(interval);
DROP FUNCTION IF EXISTS etl_xmin_horizon();
DROP FUNCTION IF EXISTS etl_maintenance();
DROP FUNCTION IF EXISTS etl_refresh_data_quality(integer);
DROP FUNCTION IF EXISTS etl_data_quality_of_day(date);
DROP FUNCTION IF EXISTS etl_prune_queue(integer);
DROP FUNCTION IF EXISTS etl_heartbeat(text, text);

DELETE FROM etl_settings
WHERE key IN (
    'health_window', 'queue_retention', 'prune_batch', 'quality_days_per_run', 'quality_margin',
    'quality_recheck', 'alert_pending_max', 'alert_avg_processing', 'alert_failed_max',
    'alert_outbox_age', 'alert_stage1_lag', 'alert_runner_silent', 'alert_xmin_age'
);
DROP INDEX etl_processing_queue_finished_idx;
DROP TABLE etl_data_quality_counts;
DROP TABLE etl_data_quality_days;
DROP TABLE etl_maintenance;
DROP TABLE etl_runner_heartbeats;
