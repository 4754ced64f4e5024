-- etl_extract_facts: the one extraction of an execution's facts, whatever n8n kept it in (its
-- execution_data row, or a bundle.json on its disk that the runner hands over).

CREATE OR REPLACE FUNCTION public.etl_extract_facts(
    p_execution_id bigint,
    p_workflow_id text,
    p_workflow_data jsonb,
    p_doc jsonb,
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
    v_nodes record;
    v_item text[];
    v_ids record;
    v_analysis record;
    v_note record;
    v_image record;
BEGIN
    -- Every n8n run has resultData.runData (empty before any node ran). Without it the data is no
    -- n8n execution, and reading it would record facts it does not hold ("Telegram did not run").
    IF jsonb_typeof(public.etl_flatted_node(p_doc, '{resultData,runData}')) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'etl_extract_execution: execution % is not an n8n run (no resultData.runData object)',
            p_execution_id
            USING ERRCODE = 'SAI01';
    END IF;

    v_nodes := public.etl_workflow_nodes(p_workflow_id, p_workflow_data);
    v_item := public.etl_webhook_item(p_doc, v_nodes.webhook_node);

    -- Every write leaves the rows exactly as a first extraction would: unchanged rows are not
    -- touched (extracted_at stays), facts no longer found are removed.
    v_ids := public.etl_camera_ids(p_doc, v_item);
    UPDATE public.executions AS e
    SET node_id = v_ids.node_id, device_id = v_ids.node_id, camera_id = v_ids.camera_id, updated_at = now()
    WHERE e.id = p_execution_id
      AND (e.node_id, e.camera_id) IS DISTINCT FROM (v_ids.node_id, v_ids.camera_id);

    v_analysis := public.etl_analysis_facts(p_doc, v_nodes.analysis_node);
    IF v_analysis.raw_response IS NOT NULL THEN
        -- The dashboard's label columns are never named here: a row it labelled keeps them.
        INSERT INTO public.execution_analysis AS a (
            execution_id, analysis_source, alert_level, confidence_score, analysis_text, yolo_model_version,
            has_smoke, flame_detected, heat_signature_detected, yolo_processing_time_ms, raw_response,
            extracted_at, updated_at
        ) VALUES (
            p_execution_id, 'ollama', v_analysis.risk_level, v_analysis.confidence_score, v_analysis.analysis_text,
            v_analysis.model_version, v_analysis.smoke_detected, v_analysis.flame_detected,
            v_analysis.heat_signature_detected, v_analysis.processing_time_ms, v_analysis.raw_response,
            now(), now()
        )
        ON CONFLICT (execution_id) DO UPDATE SET
            analysis_source = excluded.analysis_source,
            alert_level = excluded.alert_level,
            confidence_score = excluded.confidence_score,
            analysis_text = excluded.analysis_text,
            yolo_model_version = excluded.yolo_model_version,
            has_smoke = excluded.has_smoke,
            flame_detected = excluded.flame_detected,
            heat_signature_detected = excluded.heat_signature_detected,
            yolo_processing_time_ms = excluded.yolo_processing_time_ms,
            raw_response = excluded.raw_response,
            extracted_at = now(),
            updated_at = now()
        WHERE (a.analysis_source, a.alert_level, a.confidence_score, a.analysis_text, a.yolo_model_version,
               a.has_smoke, a.flame_detected, a.heat_signature_detected, a.yolo_processing_time_ms,
               a.raw_response)
            IS DISTINCT FROM
            (excluded.analysis_source, excluded.alert_level, excluded.confidence_score, excluded.analysis_text,
             excluded.yolo_model_version, excluded.has_smoke, excluded.flame_detected,
             excluded.heat_signature_detected, excluded.yolo_processing_time_ms, excluded.raw_response);
    ELSE
        PERFORM public.etl_forget_analysis(p_execution_id);
    END IF;

    v_note := public.etl_notification_facts(p_doc, v_nodes.telegram_node);
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
        updated_at = now()
    WHERE (n.telegram_sent, n.telegram_message_id, n.telegram_chat_id, n.telegram_error)
        IS DISTINCT FROM
        (excluded.telegram_sent, excluded.telegram_message_id, excluded.telegram_chat_id, excluded.telegram_error);

    -- Assigned without a query: a query would copy the payload into its plan.
    v_image := public.etl_image_locator(p_doc, v_item);
    image_source := v_image.image_source;
    image_base64 := v_image.image_base64;
    image_path := v_image.image_path;
    image_bytes := v_image.image_bytes;
    image_mime_type := v_image.image_mime_type;
    image_file_name := v_image.image_file_name;
    reason := v_image.reason;
END
$$;

COMMENT ON FUNCTION public.etl_extract_facts(bigint, text, jsonb, jsonb) IS
'The extraction of one execution from its parsed flatted run (p_doc) and workflow snapshot: upserts, '
'idempotently, executions.node_id/camera_id (etl_camera_ids), execution_analysis (etl_analysis_facts; '
'no analysis = no row, a stale one is deleted), execution_notifications (etl_notification_facts; '
'telegram_sent NULL when the workflow has no Telegram node), and returns the image locator '
'(etl_image_locator). Called by etl_extract_execution (data in n8n''s execution_data) and '
'etl_extract_bundle (data in a bundle.json on n8n''s disk): one extraction whatever the source. '
'Raises SAI01 "not an n8n run" for data without a resultData.runData object.';

REVOKE ALL ON FUNCTION public.etl_extract_facts(bigint, text, jsonb, jsonb) FROM PUBLIC;
