-- The vision model's free response text to the five facts the dashboard stores.
CREATE OR REPLACE FUNCTION etl_parse_analysis(p_response text)
RETURNS TABLE (
    risk_level text,
    confidence_score numeric,
    smoke_detected boolean,
    flame_detected boolean,
    heat_signature_detected boolean
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_object jsonb;
BEGIN
    IF p_response IS NULL OR p_response !~ '\S' THEN
        RETURN NEXT;
        RETURN;
    END IF;
    -- JSON first: when the model answered in JSON, its keys are the facts and the text is not read.
    v_object := etl_parse_json_object(p_response);
    IF v_object IS NOT NULL THEN
        RETURN QUERY SELECT * FROM etl_parse_json_facts(v_object);
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;
    risk_level := etl_parse_text_risk_level(p_response);
    confidence_score := etl_parse_text_confidence(p_response);
    SELECT d.smoke_detected, d.flame_detected, d.heat_signature_detected
    INTO smoke_detected, flame_detected, heat_signature_detected
    FROM etl_parse_text_detections(p_response) AS d;
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION etl_parse_analysis(text) IS
'Turns the vision model''s response into risk_level (critical/high/medium/low/none), '
'confidence_score (0..1), smoke_detected, flame_detected, heat_signature_detected; always one row. '
'A JSON object in the response (whole, in a ``` fence, or the first {...}) that names any of them '
'is authoritative, absent keys staying NULL; otherwise English/Spanish text rules apply '
'(etl_parse_text_risk_level, etl_parse_text_confidence, etl_parse_text_detections). Not mentioned '
'is NULL, never false; NULL, blank or unreadable input gives all NULL. Never raises, no '
'subtransactions, so it is safe in parallel workers.';
