-- etl_reap_expired_leases: items whose runner died come back when their lease runs out.

CREATE OR REPLACE FUNCTION public.etl_reap_expired_leases()
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = CASE WHEN q.attempts >= q.max_attempts AND NOT q.rerun THEN 'failed' ELSE 'pending' END,
        completed_at = CASE WHEN q.attempts >= q.max_attempts AND NOT q.rerun THEN now() END,
        -- Fresher facts arrived during the dead claim (etl_ingest_execution): they get their own tries.
        attempts = CASE WHEN q.rerun THEN 0 ELSE q.attempts END,
        rerun = false,
        extraction_pending = false,
        next_attempt_at = now(),
        claim_token = NULL,
        locked_until = NULL,
        last_error = format('lease expired while %s held it', q.claimed_by)
    WHERE q.id IN (
        SELECT e.id FROM public.etl_processing_queue AS e
        WHERE e.status = 'processing' AND e.locked_until < now()
        FOR UPDATE SKIP LOCKED
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_reap_expired_leases() IS
'Returns items whose lease ran out (their runner crashed or hung) to pending at once, or to failed '
'when that claim was their last attempt (an item that kills its runner cannot loop forever). '
'The dead claim''s token is void: a late complete/fail from it is refused.';

REVOKE ALL ON FUNCTION public.etl_reap_expired_leases() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_reap_expired_leases() TO sai_etl_runner;
