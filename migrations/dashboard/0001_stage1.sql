-- Stage 1 tables of sai_dashboard: the minimal execution row, the Stage 2 queue, the settings,
-- the link to n8n's tables, and the roles of the two links.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sai_etl_ingest') THEN
        CREATE ROLE sai_etl_ingest LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sai_etl_runner') THEN
        CREATE ROLE sai_etl_runner LOGIN;
    END IF;
END
$$;

COMMENT ON ROLE sai_etl_ingest IS
'n8n''s link into sai_dashboard: may only call etl_ingest_execution (Stage 1).';

COMMENT ON ROLE sai_etl_runner IS
'The sai-etl runner: calls the Stage 2 and sweep functions, reads the health views.';

CREATE TABLE executions (
    id bigint PRIMARY KEY,
    workflow_id text NOT NULL,
    execution_timestamp timestamptz NOT NULL,
    completion_timestamp timestamptz NOT NULL,
    duration_ms bigint NOT NULL,
    status text NOT NULL,
    mode text NOT NULL,
    retry_of text,
    timing_complete boolean NOT NULL,
    node_id text,
    camera_id text,
    ingest_source text NOT NULL,
    ingested_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT executions_ingest_source_check
    CHECK (ingest_source IN ('trigger', 'outbox', 'reconcile', 'backfill'))
);

COMMENT ON TABLE executions IS
'One row per finished execution of a watched n8n workflow (Stage 1); node_id and camera_id come with Stage 2.';
COMMENT ON COLUMN executions.id IS 'n8n execution_entity.id.';
COMMENT ON COLUMN executions.execution_timestamp IS
'n8n startedAt; createdAt when n8n never started it (then timing_complete is false).';
COMMENT ON COLUMN executions.completion_timestamp IS
'n8n stoppedAt; the latest known earlier timestamp when n8n recorded none (then timing_complete is false).';
COMMENT ON COLUMN executions.duration_ms IS 'completion_timestamp - execution_timestamp, in milliseconds.';
COMMENT ON COLUMN executions.status IS 'n8n''s terminal status: success, error, crashed or canceled.';
COMMENT ON COLUMN executions.retry_of IS 'n8n retryOf: the execution this one retried, when n8n has it.';
COMMENT ON COLUMN executions.timing_complete IS
'True when n8n recorded both startedAt and stoppedAt; false when a timestamp had to fall back.';
COMMENT ON COLUMN executions.node_id IS 'Camera node from the webhook request (Stage 2); NULL until known.';
COMMENT ON COLUMN executions.camera_id IS 'Camera from the webhook request (Stage 2); NULL until known.';
COMMENT ON COLUMN executions.ingest_source IS
'How Stage 1 saw it: trigger (live), outbox (after a dashboard outage), reconcile or backfill.';
COMMENT ON COLUMN executions.ingested_at IS 'When the dashboard first recorded the execution (Stage 1 lag).';

CREATE INDEX executions_completion_timestamp_idx ON executions (completion_timestamp);
CREATE INDEX executions_ingested_at_idx ON executions (ingested_at);

CREATE TABLE etl_processing_queue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id bigint NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    stage text NOT NULL DEFAULT 'stage2',
    status text NOT NULL DEFAULT 'pending',
    priority smallint NOT NULL DEFAULT 1,
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 5,
    deferrals integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    claim_token uuid,
    claimed_by text,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    completed_at timestamptz,
    processing_time_ms integer,
    CONSTRAINT etl_processing_queue_execution_stage_key UNIQUE (execution_id, stage),
    CONSTRAINT etl_processing_queue_status_check
    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'skipped')),
    CONSTRAINT etl_processing_queue_priority_check CHECK (priority BETWEEN 1 AND 10),
    CONSTRAINT etl_processing_queue_claim_check
    CHECK ((status = 'processing') = (claim_token IS NOT NULL AND locked_until IS NOT NULL))
);

COMMENT ON TABLE etl_processing_queue IS
'Stage 2 work: one item per execution. pending -> processing (leased to one claim token) -> completed; '
'failed (retries exhausted) and skipped (n8n no longer has the data) are final until retried.';
COMMENT ON COLUMN etl_processing_queue.priority IS '1 = new execution (first) ... 10 = backfill (last).';
COMMENT ON COLUMN etl_processing_queue.attempts IS 'Claims spent on this item; a deferral (source not ready) spends none.';
COMMENT ON COLUMN etl_processing_queue.deferrals IS 'Times the item was put back because n8n had not finished writing it.';
COMMENT ON COLUMN etl_processing_queue.next_attempt_at IS 'Not claimable before this (backoff with jitter, or deferral).';
COMMENT ON COLUMN etl_processing_queue.locked_until IS 'Lease end of the live claim; after it the item may be claimed again.';
COMMENT ON COLUMN etl_processing_queue.claim_token IS 'Token of the live claim: complete/fail are refused without it.';
COMMENT ON COLUMN etl_processing_queue.claimed_by IS 'Runner (host:pid) that holds or last held the claim.';
COMMENT ON COLUMN etl_processing_queue.last_error IS 'Last error of a failed or retried attempt.';
COMMENT ON COLUMN etl_processing_queue.processing_time_ms IS 'Claim to completion of the successful attempt.';

CREATE INDEX etl_processing_queue_ready_idx
ON etl_processing_queue (priority, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX etl_processing_queue_lease_idx
ON etl_processing_queue (locked_until) WHERE status = 'processing';
CREATE INDEX etl_processing_queue_completed_at_idx
ON etl_processing_queue (completed_at) WHERE status = 'completed';

CREATE TABLE etl_settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    description text NOT NULL
);

COMMENT ON TABLE etl_settings IS 'Tunables of the dashboard side, read by the etl_* functions (etl_setting()).';

INSERT INTO etl_settings (key, value, description) VALUES
('max_attempts', '5', 'Claims an item may spend before it is failed.'),
('retry_base_seconds', '2', 'First retry delay; doubles per attempt, with jitter.'),
('retry_max_seconds', '300', 'Cap of the retry delay.'),
('defer_seconds', '0.5', 'Re-check delay of an execution n8n has not finished writing, at the sixth re-check (1/32 of it first, doubling, at most 60 s).'),
('reconcile_window', '1 hour', 'How far back each sweep looks for executions Stage 1 missed.'),
('backfill_batch', '10000', 'Executions per backfill round trip.');

CREATE TABLE etl_sweep_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    outbox_drained integer NOT NULL,
    reconciled integer NOT NULL
);

COMMENT ON TABLE etl_sweep_runs IS 'One row per Stage 1 sweep: what it recovered from the outbox and by reconciling.';

CREATE INDEX etl_sweep_runs_started_at_idx ON etl_sweep_runs (started_at);

CREATE EXTENSION IF NOT EXISTS postgres_fdw;

CREATE SERVER sai_n8n FOREIGN DATA WRAPPER postgres_fdw OPTIONS (fetch_size '10000');

COMMENT ON SERVER sai_n8n IS
'n8n''s database, read only: `sai-etl migrate` sets its address and the reader role''s user mapping.';

CREATE SCHEMA n8n;

COMMENT ON SCHEMA n8n IS 'Foreign tables of n8n''s database (read only, through server sai_n8n).';

CREATE FOREIGN TABLE n8n.execution_entity (
    id integer NOT NULL,
    finished boolean NOT NULL,
    mode varchar NOT NULL,
    "retryOf" varchar,
    "startedAt" timestamptz,
    "stoppedAt" timestamptz,
    status varchar NOT NULL,
    "workflowId" varchar(36) NOT NULL,
    "deletedAt" timestamptz,
    "createdAt" timestamptz NOT NULL
) SERVER sai_n8n OPTIONS (schema_name 'public', table_name 'execution_entity');

COMMENT ON FOREIGN TABLE n8n.execution_entity IS 'n8n''s executions (read only).';

CREATE FOREIGN TABLE n8n.execution_data (
    "executionId" integer NOT NULL,
    "workflowData" json NOT NULL,
    data text NOT NULL
) SERVER sai_n8n OPTIONS (schema_name 'public', table_name 'execution_data');

COMMENT ON FOREIGN TABLE n8n.execution_data IS 'n8n''s execution data: workflowData and flatted data (read only).';

CREATE FOREIGN TABLE n8n.watched_workflows (
    workflow_id varchar(36) NOT NULL
) SERVER sai_n8n OPTIONS (schema_name 'sai_etl', table_name 'watched_workflows');

COMMENT ON FOREIGN TABLE n8n.watched_workflows IS 'The workflows sai-etl carries, configured in n8n''s database.';

CREATE FOREIGN TABLE n8n.outbox (
    execution_id integer NOT NULL,
    queued_at timestamptz NOT NULL,
    last_error text
) SERVER sai_n8n OPTIONS (schema_name 'sai_etl', table_name 'outbox');

COMMENT ON FOREIGN TABLE n8n.outbox IS 'Stage 1 rows waiting in n8n''s database for the dashboard (health only).';
