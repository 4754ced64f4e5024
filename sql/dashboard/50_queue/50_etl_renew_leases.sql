-- etl_renew_leases: a busy runner keeps its claims alive.

CREATE OR REPLACE FUNCTION public.etl_renew_leases(
    p_queue_ids bigint[],
    p_claim_tokens uuid[],
    p_lease_seconds double precision
)
RETURNS SETOF bigint
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
    UPDATE public.etl_processing_queue AS q
    SET locked_until = now() + make_interval(secs => p_lease_seconds)
    FROM unnest(p_queue_ids, p_claim_tokens) AS r (id, token)
    WHERE q.id = r.id AND q.claim_token = r.token AND q.status = 'processing'
    RETURNING q.id
$$;

COMMENT ON FUNCTION public.etl_renew_leases(bigint[], uuid[], double precision) IS
'Extends the leases of live claims (ids paired with tokens) to p_lease_seconds from now. Returns the '
'ids still held; a missing id was lost (reaped and maybe claimed by another runner).';

REVOKE ALL ON FUNCTION public.etl_renew_leases(bigint[], uuid[], double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_renew_leases(bigint[], uuid[], double precision) TO sai_etl_runner;
