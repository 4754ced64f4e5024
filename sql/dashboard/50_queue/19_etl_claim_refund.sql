-- etl_claim_refund: hand back charged items whose extraction did not run.

CREATE OR REPLACE FUNCTION public.etl_claim_refund(p_worker text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', attempts = greatest(q.attempts - 1, 0), next_attempt_at = now(),
        claim_token = NULL, locked_until = NULL, extraction_pending = false
    WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_claim_refund(text) IS
'Returns p_worker''s charged items that etl_claim did not extract (it raised: n8n unreachable, SAI02, or '
'refusing the read, SAI03) to pending with their attempt refunded. Returns how many.';

REVOKE ALL ON FUNCTION public.etl_claim_refund(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_claim_refund(text) TO sai_etl_runner;
