-- etl_fail: the runner reports that a claimed item's attempt failed.

CREATE OR REPLACE FUNCTION public.etl_fail(
    p_queue_id bigint,
    p_claim_token uuid,
    p_error text,
    p_retry boolean DEFAULT true
)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_status text;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = CASE WHEN q.rerun OR p_retry AND q.attempts < q.max_attempts THEN 'pending' ELSE 'failed' END,
        completed_at = CASE WHEN q.rerun OR p_retry AND q.attempts < q.max_attempts THEN NULL ELSE now() END,
        -- Fresher facts arrived meanwhile: the failure was the older facts', they get their own tries.
        attempts = CASE WHEN q.rerun THEN 0 ELSE q.attempts END,
        next_attempt_at = CASE WHEN q.rerun THEN now() ELSE now() + public.etl_retry_delay(q.attempts) END,
        rerun = false,
        claim_token = NULL,
        locked_until = NULL,
        last_error = coalesce(p_error, 'unknown error')
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing'
    RETURNING q.status INTO v_status;
    RETURN v_status;
END
$$;

COMMENT ON FUNCTION public.etl_fail(bigint, uuid, text, boolean) IS
'Records a failed attempt of a live claim: back to pending after etl_retry_delay, or failed once '
'max_attempts are spent or when p_retry is false. Returns the new status, or NULL (nothing changed) '
'for a claim that is no longer live.';

REVOKE ALL ON FUNCTION public.etl_fail(bigint, uuid, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_fail(bigint, uuid, text, boolean) TO sai_etl_runner;
