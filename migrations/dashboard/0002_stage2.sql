-- Stage 2 tables: what the extraction and the runner find in each execution.
-- depends: 0001_stage1

CREATE TABLE execution_analysis (
    execution_id bigint PRIMARY KEY REFERENCES executions (id) ON DELETE CASCADE,
    risk_level text,
    confidence_score numeric(4, 3),
    analysis_text text,
    model_version text,
    smoke_detected boolean,
    flame_detected boolean,
    heat_signature_detected boolean,
    processing_time_ms bigint,
    raw_response jsonb,
    extracted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT execution_analysis_risk_level_check
    CHECK (risk_level IN ('critical', 'high', 'medium', 'low', 'none')),
    CONSTRAINT execution_analysis_confidence_check CHECK (confidence_score BETWEEN 0 AND 1)
);

COMMENT ON TABLE execution_analysis IS
'The vision model''s analysis of an execution''s frame. A row exists only when the model answered; '
'every field is NULL when the answer did not say it.';
COMMENT ON COLUMN execution_analysis.analysis_text IS 'The model''s response text, as it answered.';
COMMENT ON COLUMN execution_analysis.model_version IS 'The model that answered (the response''s model field).';
COMMENT ON COLUMN execution_analysis.processing_time_ms IS 'Ollama''s total_duration, in milliseconds.';
COMMENT ON COLUMN execution_analysis.raw_response IS 'The analysis node''s output item, decoded from flatted.';

CREATE INDEX execution_analysis_risk_level_idx ON execution_analysis (risk_level);

CREATE TABLE execution_images (
    execution_id bigint PRIMARY KEY REFERENCES executions (id) ON DELETE CASCADE,
    source text NOT NULL,
    valid boolean NOT NULL,
    invalid_reason text,
    format text,
    width integer,
    height integer,
    size_bytes bigint,
    sha256 text,
    original_path text,
    thumbnail_path text,
    display_path text,
    claimed_mime_type text,
    file_name text,
    stored_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT execution_images_source_check CHECK (source IN ('binary', 'body', 'filesystem', 'database')),
    CONSTRAINT execution_images_valid_check CHECK (valid = (invalid_reason IS NULL)),
    CONSTRAINT execution_images_paths_check CHECK (NOT valid OR (original_path IS NOT NULL AND thumbnail_path IS NOT NULL))
);

COMMENT ON TABLE execution_images IS
'The camera frame of an execution, as the runner stored it. No row: the execution carried no image.';
COMMENT ON COLUMN execution_images.source IS
'Where the frame was: binary (inline base64), body (webhook body), filesystem (n8n binary data file), database.';
COMMENT ON COLUMN execution_images.valid IS 'False when the payload was not a usable image; invalid_reason says why.';
COMMENT ON COLUMN execution_images.format IS 'The format Pillow found in the bytes (never the claimed mimeType).';
COMMENT ON COLUMN execution_images.original_path IS 'Original bytes, unchanged, relative to the image root.';
COMMENT ON COLUMN execution_images.thumbnail_path IS 'WebP thumbnail, relative to the image root.';
COMMENT ON COLUMN execution_images.display_path IS 'Bounded WebP display variant, when configured.';
COMMENT ON COLUMN execution_images.claimed_mime_type IS 'The mimeType n8n recorded (for comparison only).';

CREATE TABLE execution_notifications (
    execution_id bigint PRIMARY KEY REFERENCES executions (id) ON DELETE CASCADE,
    telegram_sent boolean,
    telegram_message_id bigint,
    telegram_chat_id text,
    telegram_error text,
    extracted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT execution_notifications_message_check CHECK (telegram_message_id IS NULL OR telegram_sent)
);

COMMENT ON TABLE execution_notifications IS
'The Telegram alert of an execution. telegram_sent: true (Telegram said ok), false (the workflow has a '
'Telegram node that did not run or failed), NULL (the workflow has no Telegram node).';
COMMENT ON COLUMN execution_notifications.telegram_error IS 'The Telegram node''s error when it failed.';

CREATE TABLE etl_node_overrides (
    workflow_id text NOT NULL,
    role text NOT NULL,
    node_name text NOT NULL,
    PRIMARY KEY (workflow_id, role),
    CONSTRAINT etl_node_overrides_role_check CHECK (role IN ('webhook', 'analysis', 'telegram'))
);

COMMENT ON TABLE etl_node_overrides IS
'Node names per role for workflows whose nodes the type-based discovery would not find.';

CREATE FOREIGN TABLE n8n.binary_data (
    "fileId" uuid NOT NULL,
    data bytea NOT NULL,
    "mimeType" varchar(255),
    "fileName" varchar(255),
    "fileSize" integer NOT NULL
) SERVER sai_n8n OPTIONS (schema_name 'public', table_name 'binary_data');

COMMENT ON FOREIGN TABLE n8n.binary_data IS 'n8n 2.x binary data kept in the database (read only).';
