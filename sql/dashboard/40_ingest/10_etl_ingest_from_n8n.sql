-- etl_ingest_from_n8n: set-based Stage 1 straight from n8n's table (reconcile and backfill).

CREATE OR REPLACE FUNCTION public.etl_ingest_from_n8n(
    p_since timestamptz,
    p_after_id bigint,
    p_limit integer,
    p_source text,
    p_priority integer,
    OUT scanned integer,
    OUT ingested integer,
    OUT last_id bigint
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_watched text[] := ARRAY(SELECT workflow_id FROM n8n.watched_workflows);
BEGIN
    -- Every filter is shipped to n8n (postgres_fdw sends the array as a parameter), so only the
    -- executions of this batch cross the link.
    WITH batch AS MATERIALIZED (
        SELECT e.id, e."workflowId", e.status, e.mode, e."retryOf", e."createdAt", e."startedAt", e."stoppedAt"
        FROM n8n.execution_entity AS e
        WHERE e.id > p_after_id
          AND e."workflowId" = ANY (v_watched)
          AND e.status IN ('success', 'error', 'crashed', 'canceled')
          AND (e."stoppedAt" >= p_since OR e."stoppedAt" IS NULL AND e."createdAt" >= p_since)
        ORDER BY e.id
        LIMIT p_limit
    ),
    added AS (
        INSERT INTO public.executions (
            id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
            retry_of, timing_complete, ingest_source
        )
        SELECT b.id, b."workflowId", t.execution_timestamp, t.completion_timestamp, t.duration_ms,
               b.status, b.mode, public.etl_retry_of(b."retryOf"), t.timing_complete, p_source
        FROM batch AS b
        CROSS JOIN LATERAL public.etl_execution_timing(b."createdAt", b."startedAt", b."stoppedAt") AS t
        ON CONFLICT (id) DO NOTHING
        RETURNING id
    ),
    queued AS (
        INSERT INTO public.etl_processing_queue (execution_id, priority, max_attempts)
        SELECT id, p_priority, public.etl_setting('max_attempts')::integer FROM added
        ON CONFLICT (execution_id, stage) DO NOTHING
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM queued), (SELECT max(id) FROM batch)
    INTO scanned, ingested, last_id;

    IF ingested > 0 THEN
        PERFORM public.etl_notify_stage2();
    END IF;
END
$$;

COMMENT ON FUNCTION public.etl_ingest_from_n8n(timestamptz, bigint, integer, text, integer) IS
'Reads up to p_limit finished executions of watched workflows with id > p_after_id that stopped at or '
'after p_since from n8n (postgres_fdw) and records those the dashboard lacks, queued at p_priority. '
'Returns how many it scanned and added, and the last id scanned (the next call''s p_after_id).';

REVOKE ALL ON FUNCTION public.etl_ingest_from_n8n(timestamptz, bigint, integer, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_ingest_from_n8n(timestamptz, bigint, integer, text, integer) TO sai_etl_runner;
