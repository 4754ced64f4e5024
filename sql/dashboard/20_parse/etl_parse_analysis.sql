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
    -- A plain assignment of etl_parse_analysis_rules' record: no query runs for it.
    v_facts record := etl_parse_analysis_rules(p_response);
BEGIN
    risk_level := v_facts.risk_level;
    confidence_score := v_facts.confidence_score;
    smoke_detected := v_facts.smoke_detected;
    flame_detected := v_facts.flame_detected;
    heat_signature_detected := v_facts.heat_signature_detected;
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION etl_parse_analysis(text) IS
'Turns the vision model''s response into risk_level (critical/high/medium/low/none), '
'confidence_score (0..1), smoke_detected, flame_detected, heat_signature_detected; always one row. '
'A value only where the response states it: NULL where it does not, where the model hedges or '
'supposes, speaks of an earlier frame, names a range or a confidence out of range. A JSON object in '
'the response (whole, in a ``` fence, or the first {...}; nested objects read too) that names any '
'of them is authoritative, absent keys staying NULL; otherwise English/Spanish text rules read it. '
'etl_parse_analysis_rules gives the same values with the rule behind each. NULL, blank or '
'unreadable input gives all NULL. Never raises and starts no subtransaction, so it runs in '
'parallel workers.';

REVOKE ALL ON FUNCTION etl_parse_analysis(text) FROM PUBLIC;
