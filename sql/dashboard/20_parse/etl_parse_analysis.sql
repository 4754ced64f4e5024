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
    v_nested jsonb;
    v_facts record;
    v_tokens text[];
BEGIN
    IF p_response IS NULL OR p_response !~ '\S' THEN
        RETURN NEXT;
        RETURN;
    END IF;
    -- JSON first: when the model answered in JSON, its keys are the facts and the text is not read.
    v_object := etl_parse_json_object(p_response);
    IF v_object IS NOT NULL THEN
        v_facts := etl_parse_json_facts(v_object);
        IF v_facts.facts_named = 0 THEN
            -- {"analysis": {...}}: the first nested object that is an analysis.
            FOR v_nested IN
                SELECT e.value FROM jsonb_each(v_object) AS e WHERE jsonb_typeof(e.value) = 'object' ORDER BY e.key
            LOOP
                v_facts := etl_parse_json_facts(v_nested);
                EXIT WHEN v_facts.facts_named > 0;
            END LOOP;
        END IF;
        IF v_facts.facts_named > 0 THEN
            risk_level := v_facts.risk_level;
            confidence_score := v_facts.confidence_score;
            smoke_detected := v_facts.smoke_detected;
            flame_detected := v_facts.flame_detected;
            heat_signature_detected := v_facts.heat_signature_detected;
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;
    v_tokens := etl_parse_tokens(p_response);
    risk_level := etl_parse_text_risk_level(v_tokens);
    confidence_score := etl_parse_text_confidence(v_tokens);
    v_facts := etl_parse_text_detections(v_tokens);
    smoke_detected := v_facts.smoke_detected;
    flame_detected := v_facts.flame_detected;
    heat_signature_detected := v_facts.heat_signature_detected;
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION etl_parse_analysis(text) IS
'Turns the vision model''s response into risk_level (critical/high/medium/low/none), '
'confidence_score (0..1), smoke_detected, flame_detected, heat_signature_detected; always one row. '
'A JSON object in the response (whole, in a ``` fence, or the first {...}; or one nested in it) '
'that names any of them is authoritative, absent keys staying NULL; otherwise English/Spanish text '
'rules read its tokens (etl_parse_text_risk_level, etl_parse_text_confidence, '
'etl_parse_text_detections). Not mentioned is NULL, never false; NULL, blank or unreadable input '
'gives all NULL. Never raises and starts no subtransaction, so it runs in parallel workers.';

REVOKE ALL ON FUNCTION etl_parse_analysis(text) FROM PUBLIC;
