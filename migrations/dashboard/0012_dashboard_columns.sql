-- The columns SAI's own dashboard reads by name (docs/dashboard.md), the YOLO service's answer and
-- the camera's metadata. Where the dashboard's column and ours mean the same, the dashboard's is
-- the stored one and ours is generated from it: one value under two names, so they cannot
-- disagree, and an adopted dashboard database keeps its own columns exactly as they are.
-- depends: 0011_image_bytes_statement_trigger

-- executions ------------------------------------------------------------------------------------

ALTER TABLE executions RENAME COLUMN ingested_at TO created_at;
ALTER INDEX executions_ingested_at_idx RENAME TO executions_created_at_idx;
ALTER TABLE executions ADD COLUMN ingested_at timestamptz GENERATED ALWAYS AS (created_at) STORED;

-- n8n's retryOf is the id of another execution: the dashboard reads it as one.
ALTER TABLE executions ALTER COLUMN retry_of TYPE bigint
USING (CASE WHEN retry_of ~ '^[0-9]{1,18}$' THEN retry_of::bigint END);

ALTER TABLE executions
ADD COLUMN device_id text,
ADD COLUMN location text,
ADD COLUMN camera_type text,
ADD COLUMN capture_timestamp timestamptz,
ADD COLUMN software_version text,
ADD COLUMN camera_metadata jsonb,
ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The dashboard keeps the device in node_id and device_id both; sai-etl writes both, and the
-- check keeps them one value.
UPDATE executions SET device_id = node_id
WHERE node_id IS NOT NULL;
ALTER TABLE executions ADD CONSTRAINT executions_device_is_node
CHECK (device_id IS NOT DISTINCT FROM node_id);

COMMENT ON COLUMN executions.created_at IS 'When the dashboard first recorded the execution (Stage 1 lag).';
COMMENT ON COLUMN executions.ingested_at IS 'The same as created_at (generated), under the name sai-etl used first.';
COMMENT ON COLUMN executions.retry_of IS 'n8n retryOf: the execution this one retried; NULL when n8n has none or it is no execution id.';
COMMENT ON COLUMN executions.node_id IS
'The camera node (device): metadata.json device_id, or node_id in the webhook request (Stage 2); NULL until known.';
COMMENT ON COLUMN executions.camera_id IS
'The camera within its node: metadata.json camera_id, or camera_id in the webhook request (Stage 2); NULL until known.';
COMMENT ON COLUMN executions.device_id IS 'The camera node, as the dashboard names it: always equal to node_id.';
COMMENT ON COLUMN executions.location IS 'metadata.json location (Stage 2); NULL when the camera did not say.';
COMMENT ON COLUMN executions.camera_type IS 'metadata.json camera_type: onvif, rtsp, usb (Stage 2); NULL when not said.';
COMMENT ON COLUMN executions.capture_timestamp IS
'When the frame was taken: environment.capture_time_utc, else timestamp read in environment.timezone; '
'NULL when only a naive local time is known (never read as UTC).';
COMMENT ON COLUMN executions.software_version IS 'metadata.json version: the camera node''s software (Stage 2).';
COMMENT ON COLUMN executions.camera_metadata IS 'The camera''s metadata.json as posted, decoded (Stage 2); NULL when none was posted.';
COMMENT ON COLUMN executions.updated_at IS 'When sai-etl last changed this row.';

-- execution_analysis ----------------------------------------------------------------------------

ALTER TABLE execution_analysis RENAME COLUMN risk_level TO alert_level;
ALTER TABLE execution_analysis RENAME CONSTRAINT execution_analysis_risk_level_check
TO execution_analysis_alert_level_check;
ALTER INDEX execution_analysis_risk_level_idx RENAME TO execution_analysis_alert_level_idx;
ALTER TABLE execution_analysis RENAME COLUMN model_version TO yolo_model_version;
ALTER TABLE execution_analysis RENAME COLUMN smoke_detected TO has_smoke;
ALTER TABLE execution_analysis RENAME COLUMN processing_time_ms TO yolo_processing_time_ms;
ALTER TABLE execution_analysis ALTER COLUMN yolo_processing_time_ms TYPE numeric(10, 2)
USING (CASE WHEN yolo_processing_time_ms BETWEEN 0 AND 99999999 THEN yolo_processing_time_ms END);

ALTER TABLE execution_analysis
ADD COLUMN risk_level text GENERATED ALWAYS AS (alert_level) STORED,
ADD COLUMN model_version text GENERATED ALWAYS AS (yolo_model_version) STORED,
ADD COLUMN smoke_detected boolean GENERATED ALWAYS AS (has_smoke) STORED,
ADD COLUMN processing_time_ms bigint GENERATED ALWAYS AS (round(yolo_processing_time_ms)::bigint) STORED,
ADD COLUMN analysis_source text,
ADD COLUMN request_id uuid,
ADD COLUMN analysis_timestamp timestamptz,
ADD COLUMN detection_count integer,
ADD COLUMN detection_mode text,
ADD COLUMN active_classes text[],
ADD COLUMN detections jsonb,
ADD COLUMN confidence_smoke numeric(4, 3),
ADD COLUMN confidence_fire numeric(4, 3),
ADD COLUMN image_width integer,
ADD COLUMN image_height integer,
ADD COLUMN image_hash text,
ADD COLUMN image_path text,
ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
ADD COLUMN is_false_positive boolean DEFAULT FALSE,
ADD COLUMN false_positive_reason text,
ADD COLUMN marked_false_positive_at timestamptz,
ADD COLUMN marked_by_user_id text,
ADD COLUMN marked_by_email text;

-- Every analysis recorded so far is an Ollama answer; raw_response and extracted_at now hold
-- only for rows with an analysis (a row may carry only the dashboard's labels).
UPDATE execution_analysis SET analysis_source = 'ollama';
ALTER TABLE execution_analysis ALTER COLUMN extracted_at DROP NOT NULL;
ALTER TABLE execution_analysis ALTER COLUMN extracted_at DROP DEFAULT;

ALTER TABLE execution_analysis
ADD CONSTRAINT execution_analysis_source_check CHECK (analysis_source IN ('ollama', 'yolo')),
ADD CONSTRAINT execution_analysis_extracted_check
CHECK (analysis_source IS NOT NULL OR (raw_response IS NULL AND extracted_at IS NULL)),
ADD CONSTRAINT execution_analysis_detection_count_check CHECK (detection_count >= 0),
ADD CONSTRAINT execution_analysis_confidence_smoke_check CHECK (confidence_smoke BETWEEN 0 AND 1),
ADD CONSTRAINT execution_analysis_confidence_fire_check CHECK (confidence_fire BETWEEN 0 AND 1),
ADD CONSTRAINT execution_analysis_detections_check CHECK (jsonb_typeof(detections) = 'array');

COMMENT ON TABLE execution_analysis IS
'The vision model''s analysis of an execution''s frame (Ollama''s text or the YOLO service''s JSON), '
'and the dashboard''s false-positive labels. analysis_source NULL: a row holding only labels (the '
'model did not answer); every analysis field is NULL when the answer did not say it. sai-etl never '
'writes the label columns.';
COMMENT ON COLUMN execution_analysis.analysis_source IS
'Which answer the row holds: ollama (text, etl_parse_analysis) or yolo (the service''s JSON); NULL: labels only.';
COMMENT ON COLUMN execution_analysis.alert_level IS
'The level the model stated: YOLO''s alert_level as the service gave it, or the risk level read from '
'Ollama''s answer; never derived from detections.';
COMMENT ON COLUMN execution_analysis.risk_level IS 'The same as alert_level (generated), under the seed''s name.';
COMMENT ON COLUMN execution_analysis.yolo_model_version IS
'The model that answered: YOLO''s version/model_version (a weights file name) or Ollama''s model.';
COMMENT ON COLUMN execution_analysis.model_version IS 'The same as yolo_model_version (generated), under the seed''s name.';
COMMENT ON COLUMN execution_analysis.has_smoke IS
'Smoke, as the answer states it; NULL when the model was not asked for smoke or did not say.';
COMMENT ON COLUMN execution_analysis.smoke_detected IS 'The same as has_smoke (generated), under the seed''s name.';
COMMENT ON COLUMN execution_analysis.flame_detected IS
'Fire or flames, as the answer states it; NULL when the model was not asked for fire (YOLO smoke-only) or did not say.';
COMMENT ON COLUMN execution_analysis.confidence_score IS
'Ollama: the confidence the answer states (0..1). YOLO: the best detection''s confidence; NULL without detections.';
COMMENT ON COLUMN execution_analysis.yolo_processing_time_ms IS
'The model''s own processing time in ms: YOLO''s processing_time_ms, or Ollama''s total_duration.';
COMMENT ON COLUMN execution_analysis.processing_time_ms IS
'yolo_processing_time_ms rounded to whole ms (generated), under the seed''s name.';
COMMENT ON COLUMN execution_analysis.request_id IS 'The YOLO service''s request_id.';
COMMENT ON COLUMN execution_analysis.analysis_timestamp IS
'When the model answered, as it says: YOLO''s timestamp (UTC), Ollama''s created_at.';
COMMENT ON COLUMN execution_analysis.detection_count IS 'YOLO: how many boxes the service reported.';
COMMENT ON COLUMN execution_analysis.detection_mode IS 'YOLO: the service''s detection_mode (smoke-only, ...), when it says.';
COMMENT ON COLUMN execution_analysis.active_classes IS
'YOLO: the classes the service reported as active (configured, or detected in the newest era), as it gave them.';
COMMENT ON COLUMN execution_analysis.detections IS
'YOLO''s boxes in the dashboard''s shape: [{class, class_id, confidence, bounding_box{x, y, width, height}}], '
'pixels of image_width x image_height. The source of execution_detections.';
COMMENT ON COLUMN execution_analysis.confidence_smoke IS 'YOLO: the mean confidence of the smoke boxes; NULL without one.';
COMMENT ON COLUMN execution_analysis.confidence_fire IS 'YOLO: the mean confidence of the fire boxes; NULL without one.';
COMMENT ON COLUMN execution_analysis.image_width IS 'YOLO: the width of the image as the service received it (the boxes'' space).';
COMMENT ON COLUMN execution_analysis.image_height IS 'YOLO: the height of the image as the service received it.';
COMMENT ON COLUMN execution_analysis.image_hash IS 'YOLO: the image hash the service reported (newest eras).';
COMMENT ON COLUMN execution_analysis.image_path IS 'YOLO: the image path the service reported (newest eras).';
COMMENT ON COLUMN execution_analysis.raw_response IS 'The analysis node''s output item, decoded from flatted; NULL: labels only.';
COMMENT ON COLUMN execution_analysis.extracted_at IS 'When Stage 2 last changed the analysis; NULL: labels only.';
COMMENT ON COLUMN execution_analysis.updated_at IS 'When the row last changed, by sai-etl or by the dashboard''s labels.';
COMMENT ON COLUMN execution_analysis.is_false_positive IS 'Dashboard label: a reviewer marked the detection false. Never written by sai-etl.';
COMMENT ON COLUMN execution_analysis.false_positive_reason IS 'Dashboard label: why. Never written by sai-etl.';
COMMENT ON COLUMN execution_analysis.marked_false_positive_at IS 'Dashboard label: when. Never written by sai-etl.';
COMMENT ON COLUMN execution_analysis.marked_by_user_id IS 'Dashboard label: who (OIDC subject). Never written by sai-etl.';
COMMENT ON COLUMN execution_analysis.marked_by_email IS 'Dashboard label: who (email). Never written by sai-etl.';

CREATE TABLE execution_detections (
    execution_id bigint NOT NULL REFERENCES execution_analysis (execution_id) ON DELETE CASCADE,
    ordinal integer NOT NULL,
    class_name text,
    class_id integer,
    confidence numeric,
    x1 numeric,
    y1 numeric,
    x2 numeric,
    y2 numeric,
    PRIMARY KEY (execution_id, ordinal)
);

COMMENT ON TABLE execution_detections IS
'One row per box of execution_analysis.detections, kept by trigger etl_detections_sync (never '
'written otherwise), so boxes are found by class and confidence through an index.';
COMMENT ON COLUMN execution_detections.ordinal IS 'The box''s position in the answer''s detections, from 1.';
COMMENT ON COLUMN execution_detections.class_name IS 'The class the service named (smoke, fire).';
COMMENT ON COLUMN execution_detections.confidence IS 'The box''s confidence, 0..1, as the service gave it.';
COMMENT ON COLUMN execution_detections.x1 IS 'Box left, pixels of the service''s image (execution_analysis.image_width).';
COMMENT ON COLUMN execution_detections.y1 IS 'Box top, pixels.';
COMMENT ON COLUMN execution_detections.x2 IS 'Box right, pixels.';
COMMENT ON COLUMN execution_detections.y2 IS 'Box bottom, pixels.';

CREATE INDEX execution_detections_class_confidence_idx
ON execution_detections (class_name, confidence);

-- execution_images ------------------------------------------------------------------------------

ALTER TABLE execution_images RENAME COLUMN display_path TO cached_path;
ALTER TABLE execution_images RENAME COLUMN stored_at TO extracted_at;
ALTER TABLE execution_images
ADD COLUMN display_path text GENERATED ALWAYS AS (cached_path) STORED,
ADD COLUMN stored_at timestamptz GENERATED ALWAYS AS (extracted_at) STORED,
ADD COLUMN quality_score numeric;

COMMENT ON COLUMN execution_images.cached_path IS 'WebP display variant (full size in the dashboard''s layout), relative to the image root.';
COMMENT ON COLUMN execution_images.display_path IS 'The same as cached_path (generated), under the name sai-etl used first.';
COMMENT ON COLUMN execution_images.extracted_at IS 'When Stage 2 stored the frame (the dashboard reads it as "Stage 2 done").';
COMMENT ON COLUMN execution_images.stored_at IS 'The same as extracted_at (generated), under the name sai-etl used first.';
COMMENT ON COLUMN execution_images.quality_score IS 'The dashboard''s image quality metric: sai-etl computes none (NULL).';

-- execution_notifications -----------------------------------------------------------------------

ALTER TABLE execution_notifications RENAME COLUMN extracted_at TO updated_at;
ALTER TABLE execution_notifications
ADD COLUMN extracted_at timestamptz GENERATED ALWAYS AS (updated_at) STORED,
ADD COLUMN telegram_sent_at timestamptz,
ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

COMMENT ON COLUMN execution_notifications.updated_at IS 'When Stage 2 last changed the Telegram facts.';
COMMENT ON COLUMN execution_notifications.extracted_at IS 'The same as updated_at (generated), under the name sai-etl used first.';
COMMENT ON COLUMN execution_notifications.telegram_sent_at IS 'When Telegram says it sent the alert (its message date); NULL when not sent or not said.';
COMMENT ON COLUMN execution_notifications.created_at IS 'When Stage 2 first recorded the Telegram facts.';
