-- etl_extract_execution: Stage 2's SQL half for one execution (THE EXTRACTION CONTRACT).

CREATE OR REPLACE FUNCTION public.etl_extract_execution(p_execution_id bigint)
RETURNS TABLE (
    outcome text,
    reason text,
    image_source text,
    image_base64 text,
    image_path text,
    image_bytes bytea,
    image_mime_type text,
    image_file_name text
)
LANGUAGE plpgsql
AS $$
DECLARE
    v_workflow_id text;
    v_status text;
    v_n8n_workflow_id text;
    v_has_data boolean;
    v_workflow_data jsonb;
    v_doc jsonb;
    v_state record;
    v_stored_at text;
    v_image record;
BEGIN
    SELECT e.workflow_id INTO v_workflow_id FROM public.executions AS e WHERE e.id = p_execution_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'etl_extract_execution: execution % is not recorded in executions', p_execution_id
            USING ERRCODE = 'no_data_found';
    END IF;

    -- One round trip to n8n (postgres_fdw ships the join): the status, and the data only when the
    -- status is terminal and the workflow the one recorded, so a deferral does not drag a megabyte
    -- across. The data is parsed as it arrives, once; everything below walks it by reference
    -- (etl_flatted_node). v_doc goes only into simple expressions: a query would copy the megabyte
    -- into its plan as a constant.
    SELECT e.status, e."workflowId", d."executionId" IS NOT NULL, d."workflowData"::jsonb,
           public.etl_flatted_parse(d.data)
    INTO v_status, v_n8n_workflow_id, v_has_data, v_workflow_data, v_doc
    FROM n8n.execution_entity AS e
    LEFT JOIN n8n.execution_data AS d
        ON d."executionId" = e.id AND e.status IN ('success', 'error', 'crashed', 'canceled')
        AND e."workflowId" = v_workflow_id
    WHERE e.id = p_execution_id;

    v_state := public.etl_source_outcome(v_workflow_id, v_status, v_n8n_workflow_id, v_has_data);
    -- No execution_data row: n8n 2.x may keep the run outside its database ("storedAt").
    IF v_state.outcome = 'gone' AND v_status IS NOT NULL AND NOT v_has_data
        AND v_n8n_workflow_id = v_workflow_id THEN
        v_stored_at := public.etl_execution_stored_at(p_execution_id);
        IF v_stored_at = 'fs' THEN
            -- The runner reads the bundle from n8n's storage folder and hands it to
            -- etl_extract_bundle: the same extraction.
            outcome := 'bundle';
            reason := 'n8n keeps this execution''s data on its disk (storedAt fs)';
            image_path := format('workflows/%s/executions/%s/execution_data/bundle.json',
                v_workflow_id, p_execution_id);
            RETURN NEXT;
            RETURN;
        ELSIF v_stored_at IN ('s3', 'az') THEN
            outcome := 'unreadable';
            reason := format('n8n keeps this execution''s data in object storage (storedAt %s), which '
                'sai-etl does not read', v_stored_at);
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;
    IF v_state.outcome <> 'ready' THEN
        outcome := v_state.outcome;
        reason := v_state.reason;
        RETURN NEXT;
        RETURN;
    END IF;

    v_image := public.etl_extract_facts(p_execution_id, v_workflow_id, v_workflow_data, v_doc);
    outcome := 'ready';
    reason := v_image.reason;
    image_source := v_image.image_source;
    image_base64 := v_image.image_base64;
    image_path := v_image.image_path;
    image_bytes := v_image.image_bytes;
    image_mime_type := v_image.image_mime_type;
    image_file_name := v_image.image_file_name;
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION public.etl_extract_execution(bigint) IS
'THE EXTRACTION CONTRACT, one row. Reads n8n once (execution_entity joined to execution_data). '
'not_ready: the status is not terminal yet (defer). gone (reason): n8n no longer has the execution or '
'its data, or the id now belongs to another workflow (skip). bundle: n8n 2.x keeps the data on its '
'disk (storedAt fs); image_path is the bundle.json relative to n8n''s storage folder, which the runner '
'hands to etl_extract_bundle. unreadable (reason): n8n keeps it in object storage (s3, az). ready: the '
'facts written by etl_extract_facts (node and camera, analysis, notification), and the image locator '
'(etl_image_locator: source binary|body|filesystem|database|NULL with its one payload; reason when a '
'recorded frame cannot be handed over). Nodes by etl_workflow_nodes. Raises P0002 for an execution the '
'dashboard has not recorded, the flatted errors (SAI01, 22P02, 22P05, 22003, 54000/54001) on malformed '
'data, and SAI01 "not an n8n run" for data without a resultData.runData object.';

REVOKE ALL ON FUNCTION public.etl_extract_execution(bigint) FROM PUBLIC;
