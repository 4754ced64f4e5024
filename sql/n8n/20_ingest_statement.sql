-- sai_etl.ingest_statement: the one statement Stage 1 runs in the dashboard, as text for dblink.

CREATE OR REPLACE FUNCTION sai_etl.ingest_statement(
    p_id integer,
    p_workflow_id text,
    p_status text,
    p_mode text,
    p_retry_of text,
    p_created_at timestamptz,
    p_started_at timestamptz,
    p_stopped_at timestamptz,
    p_source text
)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog
-- Timestamps travel as ISO text whatever the caller's DateStyle.
SET datestyle = 'ISO, YMD'
AS $$
    SELECT format(
        'SELECT public.etl_ingest_execution(%L, %L, %L, %L, %L, %L, %L, %L, %L)',
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, p_source
    )
$$;

COMMENT ON FUNCTION sai_etl.ingest_statement(integer, text, text, text, text, timestamptz, timestamptz, timestamptz, text) IS
'The SELECT public.etl_ingest_execution(...) call for one execution, every value a quoted literal and '
'timestamps in ISO form, for sai_etl.push_execution and sai_etl.send_execution.';

REVOKE ALL ON FUNCTION sai_etl.ingest_statement(
    integer, text, text, text, text, timestamptz, timestamptz, timestamptz, text
) FROM PUBLIC;
