-- sai_etl.push_execution: one execution's Stage 1 row into the dashboard, waiting for its answer
-- (the outbox drain; the trigger sends without waiting: sai_etl.send_execution).

CREATE OR REPLACE FUNCTION sai_etl.push_execution(
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
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    PERFORM sai_etl.link_connect();
    PERFORM FROM dblink('sai_etl', sai_etl.ingest_statement(
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, p_source
    )) AS t (changed boolean);
END
$$;

COMMENT ON FUNCTION sai_etl.push_execution(integer, text, text, text, text, timestamptz, timestamptz, timestamptz, text) IS
'Calls etl_ingest_execution in the dashboard over dblink connection "sai_etl" (sai_etl.link_connect, '
'opened once per backend, bounded by its timeouts) and waits for its answer. Raises on any failure; '
'callers contain it.';

REVOKE ALL ON FUNCTION sai_etl.push_execution(
    integer, text, text, text, text, timestamptz, timestamptz, timestamptz, text
) FROM PUBLIC;
