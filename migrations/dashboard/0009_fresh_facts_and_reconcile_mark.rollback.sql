ALTER TABLE etl_processing_queue DROP COLUMN extraction_pending;

ALTER TABLE etl_runner_heartbeats DROP COLUMN paused_reason;

ALTER TABLE etl_runner_heartbeats DROP COLUMN paused_since;

ALTER TABLE executions DROP CONSTRAINT executions_duration_ms_check;

UPDATE executions
SET duration_ms = floor(extract(EPOCH FROM completion_timestamp - execution_timestamp) * 1000)::bigint
WHERE duration_ms IS NULL;

ALTER TABLE executions ALTER COLUMN duration_ms SET NOT NULL;

COMMENT ON COLUMN executions.duration_ms IS 'completion_timestamp - execution_timestamp, in milliseconds.';

UPDATE etl_settings
SET description = 'How far back each sweep looks for executions Stage 1 missed.'
WHERE key = 'reconcile_window';

DELETE FROM etl_settings
WHERE key IN ('reconcile_settle', 'gone_grace');

ALTER TABLE etl_processing_queue DROP COLUMN rerun;

DROP TABLE etl_reconcile_mark;
