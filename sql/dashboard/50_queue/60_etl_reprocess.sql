-- etl_reprocess: run Stage 2 again for finished executions (after the extraction improved).

CREATE OR REPLACE FUNCTION public.etl_reprocess(p_since timestamptz, p_execution_ids bigint[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', attempts = 0, deferrals = 0, priority = 10, next_attempt_at = now(),
        completed_at = NULL
    -- The selection is etl_reprocess_preview's: --dry-run shows exactly this.
    WHERE (q.execution_id, q.status) IN (
        SELECT p.execution_id, p.status FROM public.etl_reprocess_preview(p_since, p_execution_ids) AS p
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        PERFORM public.etl_notify_stage2();
    END IF;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_reprocess(timestamptz, bigint[]) IS
'Queues Stage 2 again, at backfill priority, for executions that finished since p_since (optionally '
'only p_execution_ids) and whose item is done (completed, failed or skipped); items in flight are '
'left alone. Extraction and images are upserts, so the result replaces the old one. Returns the count.';

REVOKE ALL ON FUNCTION public.etl_reprocess(timestamptz, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_reprocess(timestamptz, bigint[]) TO sai_etl_runner;
