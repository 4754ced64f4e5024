-- The risk level stated in a free-text response (its asserted tokens), English or Spanish, and the
-- rule that found it.
CREATE OR REPLACE FUNCTION etl_parse_text_risk_level(p_tokens text[], OUT risk_level text, OUT rule text)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    c_level CONSTANT text[] := ARRAY[
        'critical', 'extreme', 'severe', 'high', 'elevated', 'medium', 'moderate', 'low', 'minimal', 'zero',
        'none', 'critico', 'critica', 'extremo', 'extrema', 'alto', 'alta', 'elevado', 'elevada', 'moderado',
        'moderada', 'medio', 'media', 'bajo', 'baja', 'nulo', 'nula', 'ninguno', 'cero'
    ];
    c_negation CONSTANT text[] := ARRAY['no', 'not', 'never', 'nor', 'ni', 'nunca', 'neither', 'hardly'];
    c_break CONSTANT text[] := ARRAY['.', ';', ',', '!', '?', '|', E'\n', ':'];
    c_fire CONSTANT text[] := ARRAY[
        'fire', 'fires', 'wildfire', 'wildfires', 'burning', 'ignition', 'spread', 'incendio', 'incendios',
        'fuego', 'propagacion', 'ignicion'
    ];
    v_label integer;
    v_next integer;
    v_found integer;
    v_after integer;
    v_word text;
BEGIN
    -- R1 label: a level right after a risk label: "Risk level: none", "Nivel de riesgo: ALTO",
    --    "the risk of fire is high", "**Risk:** Moderate", "Risk: 4/5 (high)", "Risk level? Low".
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'risk') || array_positions(p_tokens, 'riesgo')
        || array_positions(p_tokens, 'peligro') || array_positions(p_tokens, 'danger')
        || array_positions(p_tokens, 'nivel')
    LOOP
        CONTINUE WHEN p_tokens[v_label] = 'nivel' AND p_tokens[v_label + 1] IS DISTINCT FROM ':';
        CONTINUE WHEN v_found IS NOT NULL AND v_found < v_label;
        -- Another danger than fire: "weather danger", "risk of rain", "riesgo de accidente".
        CONTINUE WHEN p_tokens[v_label - 1] IN (
            'weather', 'road', 'traffic', 'flood', 'flooding', 'health', 'accident', 'electrical', 'security',
            'collision', 'storm'
        ) OR etl_parse_risk_of_other(p_tokens, v_label);
        -- A denied one: "no hay indicios de un riesgo crítico".
        CONTINUE WHEN etl_parse_risk_denied(p_tokens, v_label);
        v_next := v_label + 1;
        WHILE v_next <= v_label + 10 AND (p_tokens[v_next] IN (
            ':', '?', '-', '=', '(', ')', 'level', 'levels', 'assessment', 'rating', 'category', 'score', 'of',
            'for', 'a', 'the', 'fire', 'fires', 'wildfire', 'wildfires', 'de', 'del', 'el', 'la', 'incendio',
            'incendios', 'fuego', 'forestal', 'forestales', 'is', 'es', 'was', 'be', 'seems', 'appears',
            'remains', 'considered', 'assessed', 'estimated', 'rated', 'as', 'at', 'se', 'considera', 'muy',
            'very', 'currently', 'current', 'now', 'today', 'actualmente', 'actual', 'ahora', 'hoy', 'overall',
            'general'
        -- "seems to be high"; not "raise the risk to high"
        ) OR p_tokens[v_next] = 'to' AND p_tokens[v_next + 1] = 'be') LOOP
            v_next := v_next + 1;
        END LOOP;
        -- A score before the word: "4/5 (high)", "2/10 - low", "8 de 10 (alto)"; a score alone is no level.
        IF p_tokens[v_next] ~ '^[0-9]' THEN
            v_next := v_next + CASE
                WHEN p_tokens[v_next + 1] IN ('/', 'of', 'de', 'sobre') THEN 3
                WHEN p_tokens[v_next + 1] = 'out' THEN 4
                ELSE 1
            END;
            WHILE p_tokens[v_next] IN ('-', ':', '=', '(') LOOP
                v_next := v_next + 1;
            END LOOP;
        END IF;
        v_word := NULL;
        IF p_tokens[v_next] IN ('no', 'sin') THEN
            -- "Risk: no risk", "riesgo: no." but not "Risk: no smoke"
            v_word := CASE
                WHEN p_tokens[v_next + 1] IS NULL
                    OR p_tokens[v_next + 1] IN ('risk', 'riesgo', '.', ';', '!', '?', '|', ',', E'\n') THEN 'none'
            END;
            -- "Risk is not critical but medium", "no es crítico sino moderado": the level after the contrast.
            IF v_word IS NULL AND p_tokens[v_next + 1] = 'es' THEN
                v_next := v_next + 1;
            END IF;
            IF v_word IS NULL AND p_tokens[v_next + 1] = ANY(c_level)
                AND p_tokens[v_next + 2] IN ('but', 'sino', 'pero') AND p_tokens[v_next + 3] = ANY(c_level) THEN
                v_word := etl_parse_risk_level(p_tokens[v_next + 3]);
            END IF;
        ELSIF p_tokens[v_next] = 'not' THEN
            IF p_tokens[v_next + 1] = ANY(c_level)
                AND p_tokens[v_next + 2] IN ('but', 'sino', 'pero') AND p_tokens[v_next + 3] = ANY(c_level) THEN
                v_word := etl_parse_risk_level(p_tokens[v_next + 3]);
            END IF;
        ELSE
            -- A range is no level: "medium to high", "moderate-to-high", "bajo o medio".
            v_after := v_next + 1;
            WHILE v_after <= v_next + 3 AND p_tokens[v_after] IN ('to', 'or', 'y', 'o', 'a', '-', '/', 'and') LOOP
                v_after := v_after + 1;
            END LOOP;
            IF v_after = v_next + 1 OR p_tokens[v_after] IS NULL OR NOT p_tokens[v_after] = ANY(c_level) THEN
                v_word := etl_parse_risk_level(p_tokens[v_next]);
            END IF;
        END IF;
        IF v_word IS NOT NULL THEN
            v_found := v_label;
            risk_level := v_word;
            rule := 'R1 level after a risk label';
        END IF;
    END LOOP;
    IF risk_level IS NOT NULL THEN
        RETURN;
    END IF;
    -- R2 before: a level before "risk"/"riesgo": "low risk", "HIGH RISK", "no immediate wildfire risk",
    --    "alto riesgo", "sin riesgo", "no hay riesgo"; not a denied one ("not a high risk").
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'risk') || array_positions(p_tokens, 'riesgo') LOOP
        CONTINUE WHEN etl_parse_risk_of_other(p_tokens, v_label);
        v_next := v_label - 1;
        WHILE v_next >= v_label - 3 AND p_tokens[v_next] IN (
            'immediate', 'significant', 'apparent', 'real', 'major', 'serious', 'visible', 'current', 'fire',
            'wildfire', 'inmediato', 'aparente', 'significativo', 'hay', 'existe', 'ningun', '-'
        ) LOOP
            v_next := v_next - 1;
        END LOOP;
        CONTINUE WHEN p_tokens[v_next] NOT IN (
            'critical', 'extreme', 'severe', 'high', 'elevated', 'medium', 'moderate', 'low', 'minimal', 'no',
            'critico', 'alto', 'elevado', 'moderado', 'medio', 'bajo', 'sin'
        ) OR (v_found IS NOT NULL AND v_found < v_next);
        CONTINUE WHEN p_tokens[v_next] NOT IN ('no', 'sin') AND etl_parse_risk_denied(p_tokens, v_next);
        -- "no risk" is none, but "no hay riesgo alto" denies a level and "no risk level given" a label.
        CONTINUE WHEN p_tokens[v_next] IN ('no', 'sin') AND coalesce(
            p_tokens[v_label + 1] = ANY(c_level) OR p_tokens[v_label + 1] IN (
                'level', 'levels', 'assessment', 'rating', 'score', 'information', 'info', 'data', 'nivel',
                'evaluation', 'estimate', 'category', 'muy', 'very'
            ), false);
        CONTINUE WHEN coalesce(p_tokens[v_next - 1] IN ('to', 'or', 'y', 'o', 'a', '-', '/')
            AND p_tokens[v_next - 2] = ANY(c_level), false);
        v_found := v_next;
        risk_level := CASE WHEN p_tokens[v_next] IN ('no', 'sin') THEN 'none' ELSE etl_parse_risk_level(p_tokens[v_next]) END;
        rule := 'R2 level before "risk"';
    END LOOP;
    IF risk_level IS NOT NULL THEN
        RETURN;
    END IF;
    -- R3 heading: a response that opens with its level: "CRITICAL: active flames ...".
    IF p_tokens[1] IN (
        'critical', 'critico', 'critica', 'extreme', 'extremo', 'extrema', 'high', 'alto', 'alta', 'medium',
        'moderate', 'moderado', 'moderada', 'medio', 'media', 'low', 'bajo', 'baja'
    ) AND (p_tokens[2] IS NULL OR p_tokens[2] IN (':', '!', '.', '|', E'\n')) THEN
        risk_level := etl_parse_risk_level(p_tokens[1]);
        rule := 'R3 level as the heading';
    END IF;
END
$$;

COMMENT ON FUNCTION etl_parse_text_risk_level(text[]) IS
'Risk level from the asserted tokens of a free-text response (etl_parse_assertions), and its rule: '
'R1 a level right after a risk/riesgo/peligro/danger/"nivel:" label (over words like "level", "of '
'fire", "is", "current", "muy", "?" and a score such as "4/5"); R2 a level right before '
'"risk"/"riesgo" ("low risk", "no risk", "sin riesgo"); R3 a level opening the response ("CRITICAL: '
'..."). No level: a label for another danger (weather, road, "risk of rain", "riesgo de '
'accidente"), a denied level ("not a high risk", "no hay indicios de un riesgo crítico"; but "not '
'critical but medium" is medium), a range ("medium to high"), a score alone ("3 of 5"), a level '
'word anywhere else ("low clouds"): NULL.';

REVOKE ALL ON FUNCTION etl_parse_text_risk_level(text[]) FROM PUBLIC;
