-- sai_etl.keep_in_outbox: one execution the dashboard did not take, kept for the sweep's drain.

CREATE OR REPLACE FUNCTION sai_etl.keep_in_outbox(
    p_id integer,
    p_workflow_id text,
    p_status text,
    p_mode text,
    p_retry_of text,
    p_created_at timestamptz,
    p_started_at timestamptz,
    p_stopped_at timestamptz,
    p_error text
)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
    INSERT INTO sai_etl.outbox AS o (
        execution_id, workflow_id, status, mode, retry_of, created_at, started_at, stopped_at, last_error
    ) VALUES (
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, p_error
    )
    ON CONFLICT (execution_id) DO UPDATE SET
        workflow_id = excluded.workflow_id,
        status = excluded.status,
        mode = excluded.mode,
        retry_of = excluded.retry_of,
        created_at = excluded.created_at,
        started_at = excluded.started_at,
        stopped_at = excluded.stopped_at,
        last_error = excluded.last_error
$$;

COMMENT ON FUNCTION sai_etl.keep_in_outbox(integer, text, text, text, text, timestamptz, timestamptz, timestamptz, text) IS
'Writes (or refreshes) the outbox row of one finished execution with the reason it was not delivered, '
'in the caller''s transaction; sai_etl.drain_outbox delivers it later.';

REVOKE ALL ON FUNCTION sai_etl.keep_in_outbox(
    integer, text, text, text, text, timestamptz, timestamptz, timestamptz, text
) FROM PUBLIC;
