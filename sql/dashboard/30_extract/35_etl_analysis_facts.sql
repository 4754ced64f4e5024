-- etl_analysis_facts: what the vision model answered in an execution, if it answered.

CREATE OR REPLACE FUNCTION public.etl_analysis_facts(
    p_doc jsonb,
    p_node text,
    OUT risk_level text,
    OUT confidence_score numeric,
    OUT analysis_text text,
    OUT model_version text,
    OUT smoke_detected boolean,
    OUT flame_detected boolean,
    OUT heat_signature_detected boolean,
    OUT processing_time_ms bigint,
    OUT raw_response jsonb
)
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
AS $$
DECLARE
    v_run record := public.etl_node_run(p_doc, p_node);
    v_parsed record;
BEGIN
    IF NOT v_run.ran OR v_run.failed OR v_run.item_path IS NULL THEN
        RETURN;
    END IF;
    raw_response := public.etl_flatted_decode(p_doc, v_run.item_path || '{json}');
    IF jsonb_typeof(raw_response) IS DISTINCT FROM 'object' THEN
        raw_response := NULL;
        RETURN;
    END IF;
    -- Ollama's /api/generate answers in `response`; /api/chat in message.content.
    analysis_text := CASE
        WHEN jsonb_typeof(raw_response -> 'response') = 'string' THEN raw_response ->> 'response'
        WHEN jsonb_typeof(raw_response #> '{message,content}') = 'string' THEN raw_response #>> '{message,content}'
    END;
    model_version := CASE WHEN jsonb_typeof(raw_response -> 'model') = 'string' THEN raw_response ->> 'model' END;
    processing_time_ms := CASE
        -- Beyond 27 hours (numeric(10,2) ms) it is no duration: not known.
        WHEN jsonb_typeof(raw_response -> 'total_duration') = 'number'
            AND (raw_response ->> 'total_duration')::numeric BETWEEN 0 AND 99999999e6
            THEN round((raw_response ->> 'total_duration')::numeric / 1000000)::bigint
    END;
    IF analysis_text IS NOT NULL THEN
        SELECT * INTO v_parsed FROM public.etl_parse_analysis(analysis_text);
        risk_level := v_parsed.risk_level;
        confidence_score := v_parsed.confidence_score;
        smoke_detected := v_parsed.smoke_detected;
        flame_detected := v_parsed.flame_detected;
        heat_signature_detected := v_parsed.heat_signature_detected;
    END IF;
END
$$;

COMMENT ON FUNCTION public.etl_analysis_facts(jsonb, text) IS
'The analysis node''s answer in a parsed flatted execution, when its last run succeeded with an output '
'item; all NULL (raw_response NULL says it) when the node is NULL, did not run, failed or output '
'nothing, or its run is n8n''s crash-recovery stand-in (a placeholder or a crashed run, '
'etl_node_run): then the execution has no analysis, and no field is pretended. raw_response = the output item''s json, decoded; '
'analysis_text = its response (Ollama /api/generate) or message.content (/api/chat); model_version = '
'its model; processing_time_ms = total_duration (ns) in ms, rounded; risk, confidence and detections '
'from etl_parse_analysis(analysis_text). Each is NULL when the answer does not say it.';

REVOKE ALL ON FUNCTION public.etl_analysis_facts(jsonb, text) FROM PUBLIC;
