-- Back to sai-etl's own columns. What only the new columns held is lost with them: the YOLO
-- answer's fields, the camera metadata, the Telegram send times, and the dashboard's labels
-- (rows that held only labels go too).

DROP TRIGGER IF EXISTS etl_detections_inserted ON execution_analysis;
DROP TRIGGER IF EXISTS etl_detections_updated ON execution_analysis;
DROP TABLE execution_detections;

ALTER TABLE execution_notifications DROP COLUMN extracted_at, DROP COLUMN telegram_sent_at, DROP COLUMN created_at;
ALTER TABLE execution_notifications RENAME COLUMN updated_at TO extracted_at;

ALTER TABLE execution_images DROP COLUMN display_path, DROP COLUMN stored_at, DROP COLUMN quality_score;
ALTER TABLE execution_images RENAME COLUMN cached_path TO display_path;
ALTER TABLE execution_images RENAME COLUMN extracted_at TO stored_at;

DELETE FROM execution_analysis
WHERE analysis_source IS NULL;
ALTER TABLE execution_analysis
DROP COLUMN risk_level,
DROP COLUMN model_version,
DROP COLUMN smoke_detected,
DROP COLUMN processing_time_ms,
DROP COLUMN analysis_source,
DROP COLUMN request_id,
DROP COLUMN analysis_timestamp,
DROP COLUMN detection_count,
DROP COLUMN detection_mode,
DROP COLUMN active_classes,
DROP COLUMN detections,
DROP COLUMN confidence_smoke,
DROP COLUMN confidence_fire,
DROP COLUMN image_width,
DROP COLUMN image_height,
DROP COLUMN image_hash,
DROP COLUMN image_path,
DROP COLUMN updated_at,
DROP COLUMN is_false_positive,
DROP COLUMN false_positive_reason,
DROP COLUMN marked_false_positive_at,
DROP COLUMN marked_by_user_id,
DROP COLUMN marked_by_email;
ALTER TABLE execution_analysis ALTER COLUMN extracted_at SET DEFAULT now();
ALTER TABLE execution_analysis ALTER COLUMN extracted_at SET NOT NULL;
ALTER TABLE execution_analysis ALTER COLUMN yolo_processing_time_ms TYPE bigint
USING (round(yolo_processing_time_ms)::bigint);
ALTER TABLE execution_analysis RENAME COLUMN yolo_processing_time_ms TO processing_time_ms;
ALTER TABLE execution_analysis RENAME COLUMN has_smoke TO smoke_detected;
ALTER TABLE execution_analysis RENAME COLUMN yolo_model_version TO model_version;
ALTER INDEX execution_analysis_alert_level_idx RENAME TO execution_analysis_risk_level_idx;
ALTER TABLE execution_analysis RENAME CONSTRAINT execution_analysis_alert_level_check
TO execution_analysis_risk_level_check;
ALTER TABLE execution_analysis RENAME COLUMN alert_level TO risk_level;

ALTER TABLE executions DROP CONSTRAINT executions_device_is_node;
ALTER TABLE executions
DROP COLUMN device_id,
DROP COLUMN location,
DROP COLUMN camera_type,
DROP COLUMN capture_timestamp,
DROP COLUMN software_version,
DROP COLUMN camera_metadata,
DROP COLUMN updated_at,
DROP COLUMN ingested_at;
ALTER TABLE executions ALTER COLUMN retry_of TYPE text;
ALTER INDEX executions_created_at_idx RENAME TO executions_ingested_at_idx;
ALTER TABLE executions RENAME COLUMN created_at TO ingested_at;
