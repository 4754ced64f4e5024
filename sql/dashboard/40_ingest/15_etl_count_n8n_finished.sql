-- etl_count_n8n_finished: how many executions a backfill since a time would scan.

CREATE OR REPLACE FUNCTION public.etl_count_n8n_finished(p_since timestamptz)
RETURNS bigint
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT count(*)
    FROM n8n.execution_entity AS e
    WHERE e."workflowId" = ANY (ARRAY(SELECT workflow_id FROM n8n.watched_workflows))
      AND e.status IN ('success', 'error', 'crashed', 'canceled')
      AND (e."stoppedAt" >= p_since OR e."stoppedAt" IS NULL AND e."createdAt" >= p_since)
$$;

COMMENT ON FUNCTION public.etl_count_n8n_finished(timestamptz) IS
'Finished executions of watched workflows in n8n that stopped at or after p_since (backfill progress).';

REVOKE ALL ON FUNCTION public.etl_count_n8n_finished(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_count_n8n_finished(timestamptz) TO sai_etl_runner;
