-- etl_claim_charge: the committed first step of a claim: take the items and charge their attempt.

CREATE OR REPLACE FUNCTION public.etl_claim_charge(
    p_worker text,
    p_batch integer,
    p_lease_seconds double precision
)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    IF p_batch IS NULL OR p_batch < 1 OR p_lease_seconds IS NULL OR p_lease_seconds <= 0 THEN
        RAISE EXCEPTION 'etl_claim_charge: batch must be >= 1 and lease > 0 seconds, got % and %', p_batch, p_lease_seconds
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM public.etl_reap_expired_leases();
    -- Items this worker charged before but never extracted: the claim that should have died
    -- with its backend, maybe because of one of them. Never extract them again; their lease
    -- runs out (the attempt stays spent) and the reaper hands them out anew.
    UPDATE public.etl_processing_queue AS q
    SET extraction_pending = false
    WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending;
    -- Charged before the extraction runs, in a transaction of its own: an extraction that kills
    -- its backend (memory) rolls back etl_claim, not this. The lease then runs out, and the
    -- reaper fails the item once its attempts are spent.
    UPDATE public.etl_processing_queue AS q
    SET status = 'processing',
        attempts = q.attempts + 1,
        claim_token = gen_random_uuid(),
        locked_until = now() + make_interval(secs => p_lease_seconds),
        claimed_by = p_worker,
        started_at = now(),
        extraction_pending = true
    WHERE q.id IN (
        SELECT r.id
        FROM public.etl_processing_queue AS r
        WHERE r.status = 'pending' AND r.next_attempt_at <= now()
        ORDER BY r.priority, r.next_attempt_at, r.id
        LIMIT p_batch
        FOR UPDATE SKIP LOCKED
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_claim_charge(text, integer, double precision) IS
'First step of a claim, committed on its own: returns expired leases, then takes up to p_batch ready '
'items (priority order, SKIP LOCKED) for p_worker with a lease of p_lease_seconds and charges each an '
'attempt before any extraction runs. etl_claim then extracts them. Returns how many it took.';

REVOKE ALL ON FUNCTION public.etl_claim_charge(text, integer, double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_claim_charge(text, integer, double precision) TO sai_etl_runner;
