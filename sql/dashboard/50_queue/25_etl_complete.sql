-- etl_complete: the runner's acknowledgement of one claimed item, with its image facts.

CREATE OR REPLACE FUNCTION public.etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_execution_id bigint;
    v_again boolean;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = CASE WHEN q.rerun THEN 'pending' ELSE 'completed' END,
        completed_at = CASE WHEN NOT q.rerun THEN clock_timestamp() END,
        -- Fresher facts arrived meanwhile (etl_ingest_execution): this work stands until the
        -- item has run again on them.
        attempts = CASE WHEN q.rerun THEN 0 ELSE q.attempts END,
        next_attempt_at = now(),
        rerun = false,
        processing_time_ms = (extract(EPOCH FROM clock_timestamp() - q.started_at) * 1000)::integer,
        claim_token = NULL,
        locked_until = NULL,
        last_error = NULL
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing'
    RETURNING q.execution_id, q.status = 'pending' INTO v_execution_id, v_again;
    IF NOT FOUND THEN
        -- The claim is no longer live (lease expired and reaped, or claimed anew): its work is void.
        RETURN false;
    END IF;

    IF p_image IS NULL THEN
        DELETE FROM public.execution_images WHERE execution_id = v_execution_id;
    ELSE
        INSERT INTO public.execution_images AS i (
            execution_id, source, valid, invalid_reason, format, width, height, size_bytes, sha256,
            original_path, thumbnail_path, cached_path, claimed_mime_type, file_name, extracted_at
        ) VALUES (
            v_execution_id,
            p_image ->> 'source',
            (p_image ->> 'valid')::boolean,
            p_image ->> 'invalid_reason',
            p_image ->> 'format',
            (p_image ->> 'width')::integer,
            (p_image ->> 'height')::integer,
            (p_image ->> 'size_bytes')::bigint,
            p_image ->> 'sha256',
            p_image ->> 'original_path',
            p_image ->> 'thumbnail_path',
            p_image ->> 'display_path',
            p_image ->> 'claimed_mime_type',
            p_image ->> 'file_name',
            now()
        )
        ON CONFLICT (execution_id) DO UPDATE SET
            source = excluded.source, valid = excluded.valid, invalid_reason = excluded.invalid_reason,
            format = excluded.format, width = excluded.width, height = excluded.height,
            size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
            original_path = excluded.original_path, thumbnail_path = excluded.thumbnail_path,
            cached_path = excluded.cached_path, claimed_mime_type = excluded.claimed_mime_type,
            file_name = excluded.file_name, extracted_at = excluded.extracted_at;
    END IF;
    IF v_again THEN
        PERFORM public.etl_notify_stage2(v_execution_id);
    END IF;
    RETURN true;
END
$$;

COMMENT ON FUNCTION public.etl_complete(bigint, uuid, jsonb) IS
'Completes a claimed item when p_claim_token is its live claim, recording the image (p_image keys: '
'source, valid, invalid_reason, format, width, height, size_bytes, sha256, original_path, '
'thumbnail_path, display_path, claimed_mime_type, file_name; NULL = the execution has no image). '
'Returns false, changing nothing, for a claim that is no longer live. An item marked rerun (fresher '
'facts arrived while it was processing) goes back to pending with its attempts reset.';

REVOKE ALL ON FUNCTION public.etl_complete(bigint, uuid, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_complete(bigint, uuid, jsonb) TO sai_etl_runner;
