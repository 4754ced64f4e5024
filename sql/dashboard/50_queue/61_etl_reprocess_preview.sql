-- etl_reprocess_preview: what etl_reprocess would queue again (`sai-etl reprocess --dry-run`).

CREATE OR REPLACE FUNCTION public.etl_reprocess_preview(p_since timestamptz, p_execution_ids bigint[] DEFAULT NULL)
RETURNS TABLE (execution_id bigint, status text, completion_timestamp timestamptz)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
    -- etl_reprocess queues exactly these again.
    SELECT q.execution_id, q.status, e.completion_timestamp
    FROM public.etl_processing_queue AS q
    INNER JOIN public.executions AS e ON e.id = q.execution_id
    WHERE q.status IN ('completed', 'failed', 'skipped')
      AND e.completion_timestamp >= p_since
      AND (p_execution_ids IS NULL OR q.execution_id = ANY (p_execution_ids))
    ORDER BY q.execution_id
$$;

COMMENT ON FUNCTION public.etl_reprocess_preview(timestamptz, bigint[]) IS
'The items etl_reprocess(p_since, p_execution_ids) would queue again, with their status and when the '
'execution finished; changes nothing.';

REVOKE ALL ON FUNCTION public.etl_reprocess_preview(timestamptz, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_reprocess_preview(timestamptz, bigint[]) TO sai_etl_runner;
