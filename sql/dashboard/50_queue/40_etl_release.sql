-- etl_release: a stopping runner hands back what it has not finished.

CREATE OR REPLACE FUNCTION public.etl_release(p_queue_ids bigint[], p_claim_tokens uuid[])
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', next_attempt_at = now(), rerun = false, extraction_pending = false,
        attempts = CASE WHEN q.rerun THEN 0 ELSE greatest(q.attempts - 1, 0) END,
        claim_token = NULL, locked_until = NULL
    FROM unnest(p_queue_ids, p_claim_tokens) AS r (id, token)
    WHERE q.id = r.id AND q.claim_token = r.token AND q.status = 'processing';
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_release(bigint[], uuid[]) IS
'Returns live claims (ids paired with their tokens) to pending at once, refunding the attempt: used '
'when a runner stops (SIGTERM) before finishing them. Returns how many were released.';

REVOKE ALL ON FUNCTION public.etl_release(bigint[], uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_release(bigint[], uuid[]) TO sai_etl_runner;
