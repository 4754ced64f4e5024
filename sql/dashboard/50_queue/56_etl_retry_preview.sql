-- etl_retry_preview: what etl_retry would reopen (`sai-etl retry --dry-run`).

CREATE OR REPLACE FUNCTION public.etl_retry_preview(p_status text DEFAULT 'failed', p_execution_ids bigint[] DEFAULT NULL)
RETURNS TABLE (execution_id bigint, status text, attempts integer, last_error text)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    IF p_status IS NULL OR p_status NOT IN ('failed', 'skipped') THEN
        RAISE EXCEPTION 'etl_retry: only failed or skipped items can be retried, not %', coalesce(p_status, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- etl_retry reopens exactly these.
    RETURN QUERY
    SELECT q.execution_id, q.status, q.attempts, q.last_error
    FROM public.etl_processing_queue AS q
    WHERE q.status = p_status
      AND (p_execution_ids IS NULL OR q.execution_id = ANY (p_execution_ids))
    ORDER BY q.execution_id;
END
$$;

COMMENT ON FUNCTION public.etl_retry_preview(text, bigint[]) IS
'The items etl_retry(p_status, p_execution_ids) would reopen, with their attempts and last error; '
'changes nothing.';

REVOKE ALL ON FUNCTION public.etl_retry_preview(text, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_retry_preview(text, bigint[]) TO sai_etl_runner;
