-- etl_extract_bundle: the extraction of an execution whose data n8n keeps on its disk.

CREATE OR REPLACE FUNCTION public.etl_extract_bundle(
    p_execution_id bigint,
    p_bundle text,
    OUT image_source text,
    OUT image_base64 text,
    OUT image_path text,
    OUT image_bytes bytea,
    OUT image_mime_type text,
    OUT image_file_name text,
    OUT reason text
)
LANGUAGE plpgsql
AS $$
DECLARE
    v_workflow_id text;
    v_bundle jsonb;
    v_workflow_data jsonb;
    v_doc jsonb;
    v_image record;
BEGIN
    SELECT e.workflow_id INTO v_workflow_id FROM public.executions AS e WHERE e.id = p_execution_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'etl_extract_bundle: execution % is not recorded in executions', p_execution_id
            USING ERRCODE = 'no_data_found';
    END IF;
    BEGIN
        v_bundle := p_bundle::jsonb;
    EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
        RAISE EXCEPTION 'etl_extract_bundle: the bundle of execution % is not JSON', p_execution_id
            USING ERRCODE = 'SAI01';
    END;
    -- n8n writes {"data": "<flatted text>", "workflowData": {...}, "workflowVersionId": ..., "version": 1}.
    IF jsonb_typeof(v_bundle -> 'data') IS DISTINCT FROM 'string'
        OR jsonb_typeof(v_bundle -> 'workflowData') IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'etl_extract_bundle: the bundle of execution % has no data text and workflowData object',
            p_execution_id
            USING ERRCODE = 'SAI01';
    END IF;
    v_workflow_data := v_bundle -> 'workflowData';
    v_doc := public.etl_flatted_parse(v_bundle ->> 'data');
    v_bundle := NULL;
    v_image := public.etl_extract_facts(p_execution_id, v_workflow_id, v_workflow_data, v_doc);
    image_source := v_image.image_source;
    image_base64 := v_image.image_base64;
    image_path := v_image.image_path;
    image_bytes := v_image.image_bytes;
    image_mime_type := v_image.image_mime_type;
    image_file_name := v_image.image_file_name;
    reason := v_image.reason;
END
$$;

COMMENT ON FUNCTION public.etl_extract_bundle(bigint, text) IS
'The extraction of an execution n8n 2.x keeps on its disk (storedAt fs): p_bundle is the text of its '
'bundle.json ({"data": flatted text, "workflowData": {...}}), read by the runner. Writes the same facts '
'and returns the same image locator as etl_extract_execution (etl_extract_facts). Raises P0002 for an '
'execution the dashboard has not recorded, SAI01 for a bundle that is not such JSON, and the flatted '
'errors on malformed data.';

REVOKE ALL ON FUNCTION public.etl_extract_bundle(bigint, text) FROM PUBLIC;
