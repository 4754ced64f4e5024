-- sai_etl.finished_execution: one execution's Stage 1 facts as n8n has them now.

CREATE OR REPLACE FUNCTION sai_etl.finished_execution(p_id integer)
RETURNS TABLE (
    workflow_id text,
    status text,
    mode text,
    retry_of text,
    created_at timestamptz,
    started_at timestamptz,
    stopped_at timestamptz
)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    -- PL/pgSQL, not SQL: a body naming n8n's columns is not checked when sai-etl migrate creates
    -- it, so a column n8n renamed fails a delivery (contained), never the migration.
    RETURN QUERY
    SELECT e."workflowId"::text, e.status::text, e.mode::text, e."retryOf"::text,
           e."createdAt", e."startedAt", e."stoppedAt"
    FROM public.execution_entity AS e
    WHERE e.id = p_id AND e.status IN ('success', 'error', 'crashed', 'canceled');
END
$$;

COMMENT ON FUNCTION sai_etl.finished_execution(integer) IS
'n8n''s execution_entity row p_id as it is now, in Stage 1''s terms, if it is finished (status '
'success, error, crashed or canceled); no row otherwise (rolled back, still running, deleted). '
'The drain and sai_etl.link_settle deliver these facts rather than an older copy.';

REVOKE ALL ON FUNCTION sai_etl.finished_execution(integer) FROM PUBLIC;
