-- sai-etl's footprint in n8n's database: its own schema (watched workflows, settings, outbox),
-- the link to the dashboard, and the read-only role the dashboard uses. n8n's tables are not altered.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sai_etl_reader') THEN
        CREATE ROLE sai_etl_reader LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sai_etl_runner') THEN
        CREATE ROLE sai_etl_runner LOGIN;
    END IF;
END
$$;

COMMENT ON ROLE sai_etl_reader IS
'The dashboard''s read-only link into n8n''s database: SELECT on the few tables Stage 2 reads.';

CREATE SCHEMA sai_etl;

COMMENT ON ROLE sai_etl_runner IS
'The sai-etl runner: calls the Stage 2 and sweep functions, reads the health views.';

COMMENT ON SCHEMA sai_etl IS 'sai-etl''s objects in n8n''s database; the only object outside it is the trigger.';

CREATE EXTENSION IF NOT EXISTS dblink SCHEMA sai_etl;

CREATE TABLE sai_etl.watched_workflows (
    workflow_id varchar(36) PRIMARY KEY,
    added_at timestamptz NOT NULL DEFAULT now(),
    note text
);

COMMENT ON TABLE sai_etl.watched_workflows IS
'Workflows whose executions sai-etl carries to the dashboard (`sai-etl workflows add|remove|list`).';

CREATE TABLE sai_etl.settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    description text NOT NULL
);

COMMENT ON TABLE sai_etl.settings IS 'Tunables of the n8n side (sai_etl.setting()).';

INSERT INTO sai_etl.settings (key, value, description) VALUES
('breaker_seconds', '30', 'After a failed delivery, this backend skips the dashboard for this long (outbox only).'),
('drain_batch', '500', 'Outbox rows one drain call delivers at most.');

CREATE TABLE sai_etl.outbox (
    execution_id integer PRIMARY KEY,
    workflow_id varchar(36) NOT NULL,
    status varchar NOT NULL,
    mode varchar NOT NULL,
    retry_of varchar,
    created_at timestamptz,
    started_at timestamptz,
    stopped_at timestamptz,
    queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts integer NOT NULL DEFAULT 0,
    last_error text
);

COMMENT ON TABLE sai_etl.outbox IS
'Finished executions the trigger could not deliver, written in n8n''s own transaction; '
'the sweep (sai_etl.drain_outbox) delivers and deletes them.';
COMMENT ON COLUMN sai_etl.outbox.last_error IS 'Why the last delivery failed (or that the breaker was open).';

CREATE INDEX outbox_queued_at_idx ON sai_etl.outbox (queued_at);

CREATE SERVER sai_dashboard FOREIGN DATA WRAPPER dblink_fdw;

COMMENT ON SERVER sai_dashboard IS
'The sai_dashboard database, for Stage 1 delivery by dblink: `sai-etl migrate` sets its address and user mapping.';
