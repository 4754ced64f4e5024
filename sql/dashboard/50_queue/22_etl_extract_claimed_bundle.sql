-- etl_extract_claimed_bundle: the runner hands over the bundle.json of an item it claimed.

CREATE OR REPLACE FUNCTION public.etl_extract_claimed_bundle(
    p_queue_id bigint,
    p_claim_token uuid,
    p_bundle text
)
RETURNS TABLE (
    image_source text,
    image_base64 text,
    image_path text,
    image_bytes bytea,
    image_mime_type text,
    image_file_name text,
    image_reason text
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_execution_id bigint;
    v_found record;
BEGIN
    SELECT q.execution_id INTO v_execution_id
    FROM public.etl_processing_queue AS q
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing'
    FOR UPDATE;
    IF NOT FOUND THEN
        -- The claim is no longer live (lease lost): the facts belong to whoever holds it now.
        RETURN;
    END IF;
    v_found := public.etl_extract_bundle(v_execution_id, p_bundle);
    image_source := v_found.image_source;
    image_base64 := v_found.image_base64;
    image_path := v_found.image_path;
    image_bytes := v_found.image_bytes;
    image_mime_type := v_found.image_mime_type;
    image_file_name := v_found.image_file_name;
    image_reason := v_found.reason;
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION public.etl_extract_claimed_bundle(bigint, uuid, text) IS
'For a live claim whose etl_claim row had image_source bundle: runs etl_extract_bundle on the text of '
'the execution''s bundle.json, which the runner read from n8n''s storage folder, and returns the image '
'locator as etl_claim would have. No row: the claim is no longer live, nothing was written. Raises '
'what etl_extract_bundle raises (the runner fails the item with it).';

REVOKE ALL ON FUNCTION public.etl_extract_claimed_bundle(bigint, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_extract_claimed_bundle(bigint, uuid, text) TO sai_etl_runner;
