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
    v_nodes record;
    v_item text[];
    v_ids record;
    v_analysis record;
    v_note record;
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
    IF v_state.outcome <> 'ready' THEN
        outcome := v_state.outcome;
        reason := v_state.reason;
        RETURN NEXT;
        RETURN;
    END IF;

    -- Every n8n run has resultData.runData (empty before any node ran). Without it the data is no
    -- n8n execution, and reading it would record facts it does not hold ("Telegram did not run").
    IF jsonb_typeof(public.etl_flatted_node(v_doc, '{resultData,runData}')) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'etl_extract_execution: execution % is not an n8n run (no resultData.runData object)',
            p_execution_id
            USING ERRCODE = 'SAI01';
    END IF;

    v_nodes := public.etl_workflow_nodes(v_workflow_id, v_workflow_data);
    v_item := public.etl_webhook_item(v_doc, v_nodes.webhook_node);

    -- Every write leaves the rows exactly as a first extraction would: unchanged rows are not
    -- touched (extracted_at stays), facts no longer found are removed.
    v_ids := public.etl_camera_ids(v_doc, v_item);
    UPDATE public.executions AS e
    SET node_id = v_ids.node_id, camera_id = v_ids.camera_id
    WHERE e.id = p_execution_id
      AND (e.node_id, e.camera_id) IS DISTINCT FROM (v_ids.node_id, v_ids.camera_id);

    v_analysis := public.etl_analysis_facts(v_doc, v_nodes.analysis_node);
    IF v_analysis.raw_response IS NOT NULL THEN
        INSERT INTO public.execution_analysis AS a (
            execution_id, risk_level, confidence_score, analysis_text, model_version, smoke_detected,
            flame_detected, heat_signature_detected, processing_time_ms, raw_response
        ) VALUES (
            p_execution_id, v_analysis.risk_level, v_analysis.confidence_score, v_analysis.analysis_text,
            v_analysis.model_version, v_analysis.smoke_detected, v_analysis.flame_detected,
            v_analysis.heat_signature_detected, v_analysis.processing_time_ms, v_analysis.raw_response
        )
        ON CONFLICT (execution_id) DO UPDATE SET
            risk_level = excluded.risk_level,
            confidence_score = excluded.confidence_score,
            analysis_text = excluded.analysis_text,
            model_version = excluded.model_version,
            smoke_detected = excluded.smoke_detected,
            flame_detected = excluded.flame_detected,
            heat_signature_detected = excluded.heat_signature_detected,
            processing_time_ms = excluded.processing_time_ms,
            raw_response = excluded.raw_response,
            extracted_at = now()
        WHERE (a.risk_level, a.confidence_score, a.analysis_text, a.model_version, a.smoke_detected,
               a.flame_detected, a.heat_signature_detected, a.processing_time_ms, a.raw_response)
            IS DISTINCT FROM
            (excluded.risk_level, excluded.confidence_score, excluded.analysis_text, excluded.model_version,
             excluded.smoke_detected, excluded.flame_detected, excluded.heat_signature_detected,
             excluded.processing_time_ms, excluded.raw_response);
    ELSE
        DELETE FROM public.execution_analysis AS a WHERE a.execution_id = p_execution_id;
    END IF;

    v_note := public.etl_notification_facts(v_doc, v_nodes.telegram_node);
    INSERT INTO public.execution_notifications AS n (
        execution_id, telegram_sent, telegram_message_id, telegram_chat_id, telegram_error
    ) VALUES (
        p_execution_id, v_note.telegram_sent, v_note.telegram_message_id, v_note.telegram_chat_id,
        v_note.telegram_error
    )
    ON CONFLICT (execution_id) DO UPDATE SET
        telegram_sent = excluded.telegram_sent,
        telegram_message_id = excluded.telegram_message_id,
        telegram_chat_id = excluded.telegram_chat_id,
        telegram_error = excluded.telegram_error,
        extracted_at = now()
    WHERE (n.telegram_sent, n.telegram_message_id, n.telegram_chat_id, n.telegram_error)
        IS DISTINCT FROM
        (excluded.telegram_sent, excluded.telegram_message_id, excluded.telegram_chat_id, excluded.telegram_error);

    -- Assigned and returned without a query: a query would copy the payload into its plan.
    v_image := public.etl_image_locator(v_doc, v_item);
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
'its data, or the id now belongs to another workflow (skip). ready: upserts, idempotently, '
'executions.node_id/camera_id (etl_camera_ids), execution_analysis (etl_analysis_facts; no analysis = '
'no row, a stale one is deleted), execution_notifications (etl_notification_facts; always one row, '
'telegram_sent NULL when the workflow has no Telegram node), and returns the image locator '
'(etl_image_locator: source binary|body|filesystem|database|NULL with its one payload; reason when a '
'recorded frame cannot be handed over). Nodes by etl_workflow_nodes. Raises P0002 for an execution the '
'dashboard has not recorded, the flatted errors (SAI01, 22P02, 22P05, 22003, 54000/54001) on malformed '
'data, and SAI01 "not an n8n run" for data without a resultData.runData object.';

REVOKE ALL ON FUNCTION public.etl_extract_execution(bigint) FROM PUBLIC;
