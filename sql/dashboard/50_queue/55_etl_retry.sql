-- etl_retry: reopen final items (`sai-etl retry`).

CREATE OR REPLACE FUNCTION public.etl_retry(p_status text DEFAULT 'failed', p_execution_ids bigint[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    -- The selection (and the check of p_status) is etl_retry_preview's: --dry-run shows exactly this.
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', attempts = 0, deferrals = 0, next_attempt_at = now(), completed_at = NULL
    WHERE (q.execution_id, q.status) IN (
        SELECT p.execution_id, p.status FROM public.etl_retry_preview(p_status, p_execution_ids) AS p
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        PERFORM public.etl_notify_stage2();
    END IF;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_retry(text, bigint[]) IS
'Reopens items in p_status (failed or skipped), all of them or those of p_execution_ids, with fresh '
'attempts; last_error stays until the next attempt. Returns how many were reopened.';

REVOKE ALL ON FUNCTION public.etl_retry(text, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_retry(text, bigint[]) TO sai_etl_runner;
