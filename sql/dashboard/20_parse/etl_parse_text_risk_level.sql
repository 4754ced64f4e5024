-- The risk level stated in a free-text response (its tokens), English or Spanish.
CREATE OR REPLACE FUNCTION etl_parse_text_risk_level(p_tokens text[])
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_label integer;
    v_next integer;
    -- The earliest position that gave a level, and that level.
    v_found integer;
    v_level text;
    v_word text;
BEGIN
    -- 1. A level right after a label: "Risk level: none", "Nivel de riesgo: ALTO", "riesgo muy alto",
    --    "the risk of fire is high", "**Risk:** Moderate", "risk_level": "low", "Nivel: bajo".
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'risk') || array_positions(p_tokens, 'riesgo')
        || array_positions(p_tokens, 'peligro') || array_positions(p_tokens, 'danger')
        || array_positions(p_tokens, 'nivel')
    LOOP
        CONTINUE WHEN p_tokens[v_label] = 'nivel' AND p_tokens[v_label + 1] IS DISTINCT FROM ':';
        CONTINUE WHEN v_found IS NOT NULL AND v_found < v_label;
        v_next := v_label + 1;
        WHILE v_next <= v_label + 8 AND p_tokens[v_next] IN (
            ':', 'level', 'levels', 'assessment', 'rating', 'category', 'score', 'of', 'for', 'a', 'the', 'fire',
            'fires', 'wildfire', 'wildfires', 'de', 'del', 'el', 'la', 'incendio', 'incendios', 'fuego', 'forestal',
            'forestales', 'is', 'es', 'was', 'be', 'would', 'seems', 'appears', 'remains', 'considered', 'assessed',
            'estimated', 'rated', 'as', 'at', 'se', 'considera', 'muy', 'very', 'currently', 'actualmente', 'overall',
            'general'
        ) LOOP
            v_next := v_next + 1;
        END LOOP;
        IF p_tokens[v_next] IN ('no', 'sin') THEN
            -- "Risk: no risk", "riesgo: no." but not "Risk: no smoke"
            v_word := CASE
                WHEN p_tokens[v_next + 1] IS NULL
                    OR p_tokens[v_next + 1] IN ('risk', 'riesgo', '.', ';', '!', '?', '|', ',', E'\n') THEN 'none'
            END;
        ELSE
            v_word := etl_parse_risk_level(p_tokens[v_next]);
        END IF;
        IF v_word IS NOT NULL THEN
            v_found := v_label;
            v_level := v_word;
        END IF;
    END LOOP;
    IF v_level IS NOT NULL THEN
        RETURN v_level;
    END IF;
    -- 2. A level before "risk"/"riesgo": "low risk", "HIGH RISK", "no immediate wildfire risk",
    --    "alto riesgo", "sin riesgo", "no hay riesgo".
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'risk') || array_positions(p_tokens, 'riesgo') LOOP
        v_next := v_label - 1;
        WHILE v_next >= v_label - 3 AND p_tokens[v_next] IN (
            'immediate', 'significant', 'apparent', 'real', 'major', 'serious', 'visible', 'current', 'fire',
            'wildfire', 'inmediato', 'aparente', 'significativo', 'hay', 'existe', 'ningun'
        ) LOOP
            v_next := v_next - 1;
        END LOOP;
        CONTINUE WHEN p_tokens[v_next] NOT IN (
            'critical', 'extreme', 'severe', 'high', 'elevated', 'medium', 'moderate', 'low', 'minimal', 'no',
            'critico', 'alto', 'elevado', 'moderado', 'medio', 'bajo', 'sin'
        ) OR (v_found IS NOT NULL AND v_found < v_next);
        v_found := v_next;
        v_level := CASE WHEN p_tokens[v_next] IN ('no', 'sin') THEN 'none' ELSE etl_parse_risk_level(p_tokens[v_next]) END;
    END LOOP;
    IF v_level IS NOT NULL THEN
        RETURN v_level;
    END IF;
    -- 3. A response that opens with its level as a heading: "CRITICAL: active flames ...".
    IF p_tokens[1] IN (
        'critical', 'critico', 'critica', 'extreme', 'extremo', 'extrema', 'high', 'alto', 'alta', 'medium',
        'moderate', 'moderado', 'moderada', 'medio', 'media', 'low', 'bajo', 'baja'
    ) AND (p_tokens[2] IS NULL OR p_tokens[2] IN (':', '!', '.', '|', E'\n')) THEN
        RETURN etl_parse_risk_level(p_tokens[1]);
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION etl_parse_text_risk_level(text[]) IS
'Risk level from the tokens of a free-text response (etl_parse_tokens): first a level right after a '
'risk/riesgo/peligro/danger/"nivel:" label (over words like "level", "of fire", "is", "muy"), else '
'one right before "risk"/"riesgo" ("low risk", "no risk", "sin riesgo"), else a level that opens '
'the response as a heading ("CRITICAL: ..."). A level word anywhere else ("high in the sky", "low '
'clouds") is not a risk level: NULL.';

REVOKE ALL ON FUNCTION etl_parse_text_risk_level(text[]) FROM PUBLIC;
