-- etl_skip: the runner found the execution's source gone (n8n pruned its binary data).

CREATE OR REPLACE FUNCTION public.etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text)
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'skipped', completed_at = now(), claim_token = NULL, locked_until = NULL,
        last_error = 'source gone: ' || coalesce(p_reason, 'unknown')
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing';
    RETURN FOUND;
END
$$;

COMMENT ON FUNCTION public.etl_skip(bigint, uuid, text) IS
'Ends a live claim as skipped (final until `sai-etl retry --skipped`): the source is gone. '
'Returns false for a claim that is no longer live.';

REVOKE ALL ON FUNCTION public.etl_skip(bigint, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_skip(bigint, uuid, text) TO sai_etl_runner;
