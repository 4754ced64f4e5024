-- The five facts of a vision model's response, each beside the rule that produced it.
-- One record, not a set, so that callers read it with a plain assignment (no query).
CREATE OR REPLACE FUNCTION etl_parse_analysis_rules(
    p_response text,
    OUT risk_level text,
    OUT risk_rule text,
    OUT confidence_score numeric,
    OUT confidence_rule text,
    OUT smoke_detected boolean,
    OUT smoke_rule text,
    OUT flame_detected boolean,
    OUT flame_rule text,
    OUT heat_signature_detected boolean,
    OUT heat_rule text
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_object jsonb;
    v_facts record;
    v_tokens text[];
BEGIN
    IF p_response IS NULL OR p_response !~ '\S' THEN
        RETURN;
    END IF;
    -- J: when the model answered in JSON, its keys are the facts and the text is not read.
    v_object := etl_parse_json_object(p_response);
    IF v_object IS NOT NULL THEN
        v_facts := etl_parse_json_facts(v_object);
        IF v_facts.facts_named > 0 THEN
            risk_level := v_facts.risk_level;
            risk_rule := v_facts.risk_rule;
            confidence_score := v_facts.confidence_score;
            confidence_rule := v_facts.confidence_rule;
            smoke_detected := v_facts.smoke_detected;
            smoke_rule := v_facts.smoke_rule;
            flame_detected := v_facts.flame_detected;
            flame_rule := v_facts.flame_rule;
            heat_signature_detected := v_facts.heat_signature_detected;
            heat_rule := v_facts.heat_rule;
            RETURN;
        END IF;
    END IF;
    -- Text: only what the response asserts about this frame (A), then R, C and D.
    -- Record assignments (simple expressions), not SELECT ... INTO: no query per helper.
    v_tokens := etl_parse_assertions(etl_parse_tokens(p_response));
    v_facts := etl_parse_text_risk_level(v_tokens);
    risk_level := v_facts.risk_level;
    risk_rule := v_facts.rule;
    v_facts := etl_parse_text_confidence(v_tokens);
    confidence_score := v_facts.confidence_score;
    confidence_rule := v_facts.rule;
    v_facts := etl_parse_text_detections(v_tokens);
    smoke_detected := v_facts.smoke_detected;
    smoke_rule := v_facts.smoke_rule;
    flame_detected := v_facts.flame_detected;
    flame_rule := v_facts.flame_rule;
    heat_signature_detected := v_facts.heat_signature_detected;
    heat_rule := v_facts.heat_rule;
END
$$;

COMMENT ON FUNCTION etl_parse_analysis_rules(text) IS
'etl_parse_analysis with, beside each fact, the rule that produced it (docs/extraction.md lists '
'them in order): "J key <path>" from a JSON answer (etl_parse_json_facts); from text, after '
'etl_parse_assertions has left out hedged, hypothetical and earlier-frame segments, R1-R3 '
'(etl_parse_text_risk_level), C1-C2 (etl_parse_text_confidence), D1-D4 '
'(etl_parse_text_detections). A rule with a NULL value says why it read none (e.g. "C1 ...: out of '
'range"); NULL rule and value: nothing stated. For reading and tests: SELECT * FROM '
'etl_parse_analysis_rules(''Risk: high. Confidence: 12/10'').';

REVOKE ALL ON FUNCTION etl_parse_analysis_rules(text) FROM PUBLIC;
