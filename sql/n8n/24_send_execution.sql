-- sai_etl.send_execution: one execution's Stage 1 row sent to the dashboard without waiting for it.

CREATE OR REPLACE FUNCTION sai_etl.send_execution(
    p_id integer,
    p_workflow_id text,
    p_status text,
    p_mode text,
    p_retry_of text,
    p_created_at timestamptz,
    p_started_at timestamptz,
    p_stopped_at timestamptz
)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    -- n8n's commit goes on while the dashboard ingests: n8n pays for sending the statement, not
    -- for the dashboard's work. sai_etl.link_settle collects the answer before the next statement.
    IF dblink_send_query('sai_etl', sai_etl.ingest_statement(
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, 'trigger'
    )) <> 1 THEN
        RAISE EXCEPTION 'could not send to the dashboard: %', dblink_error_message('sai_etl')
            USING ERRCODE = 'connection_failure';
    END IF;
    -- Session-wide, so that the next delivery in this backend knows whose answer it collects.
    PERFORM set_config('sai_etl.in_flight', p_id::text, false);
END
$$;

COMMENT ON FUNCTION sai_etl.send_execution(integer, text, text, text, text, timestamptz, timestamptz, timestamptz) IS
'Sends etl_ingest_execution for one execution (source trigger) over dblink connection "sai_etl", which '
'must be open and idle (sai_etl.link_connect, sai_etl.link_settle), and returns without waiting; the '
'execution id stays in session setting sai_etl.in_flight until sai_etl.link_settle collects the answer. '
'Raises 08006 when the statement cannot be sent.';

REVOKE ALL ON FUNCTION sai_etl.send_execution(
    integer, text, text, text, text, timestamptz, timestamptz, timestamptz
) FROM PUBLIC;
