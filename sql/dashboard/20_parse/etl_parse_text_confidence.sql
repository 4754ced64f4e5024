-- The confidence stated in a free-text response (its asserted tokens), English or Spanish, and the
-- rule that found it.
CREATE OR REPLACE FUNCTION etl_parse_text_confidence(
    p_tokens text[],
    OUT confidence_score numeric,
    OUT rule text
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_label integer;
    v_next integer;
    v_at integer;
    v_rule text;
    v_whole integer;
BEGIN
    -- C1 label: the number after a label: "Confidence: 96%", "Confianza: 0,88", "confidence 0.97",
    -- "confidence level of about 0.9", "Confidence: high (0.9)", "Confidence (0-1): 0.8".
    -- The earliest label with a number wins.
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'confidence') || array_positions(p_tokens, 'confianza')
        || array_positions(p_tokens, 'certainty') || array_positions(p_tokens, 'certeza')
    LOOP
        v_next := v_label + 1;
        WHILE v_next <= v_label + 8 AND (p_tokens[v_next] IN (
            ':', '=', '(', ')', 'level', 'score', 'nivel', 'is', 'of', 'at', 'about', 'around', 'approximately', 'approx',
            'roughly', 'es', 'de', 'del', 'el', 'la', 'aproximadamente', 'aprox', 'un', 'una', 'high', 'medium',
            'low', 'alta', 'media', 'baja', 'alto', 'medio', 'bajo'
        )
            -- a scale announced before the value: "(0-1): 0.8", "(0-100): 80"
            OR (p_tokens[v_next] ~ '^[0-9]' AND p_tokens[v_next + 1] = '-' AND p_tokens[v_next + 2] ~ '^[0-9]'
                AND p_tokens[v_next + 3] IN (':', ')')))
        LOOP
            v_next := v_next + CASE WHEN p_tokens[v_next] ~ '^[0-9]' THEN 3 ELSE 1 END;
        END LOOP;
        IF (p_tokens[v_next] ~ '^[0-9]' OR p_tokens[v_next] = '-') AND (v_at IS NULL OR v_next < v_at) THEN
            v_at := v_next;
            v_rule := 'C1 number after a confidence label';
        END IF;
    END LOOP;
    -- C2 before: else the number right before it: "90% confidence", "I am 85% confident", "80% de confianza".
    IF v_at IS NULL THEN
        FOREACH v_label IN ARRAY array_positions(p_tokens, 'confidence') || array_positions(p_tokens, 'confident')
            || array_positions(p_tokens, 'confianza') || array_positions(p_tokens, 'certainty')
            || array_positions(p_tokens, 'certeza') || array_positions(p_tokens, 'seguro')
            || array_positions(p_tokens, 'segura')
        LOOP
            v_next := v_label - 1;
            WHILE v_next >= v_label - 3 AND p_tokens[v_next] IN ('%', 'percent', 'por', 'ciento', 'de', 'of') LOOP
                v_next := v_next - 1;
            END LOOP;
            IF p_tokens[v_next] ~ '^[0-9]' AND (v_at IS NULL OR v_next < v_at) THEN
                v_at := v_next;
                v_rule := 'C2 number before "confidence"';
            END IF;
        END LOOP;
    END IF;
    -- A number token (etl_parse_tokens); bounded so that the casts cannot overflow.
    IF v_at IS NULL OR length(p_tokens[v_at]) > 40 THEN
        RETURN;
    END IF;
    rule := v_rule;
    -- A negative value ("-0.2") or a range ("60-70%", "0.6 to 0.8") is no confidence.
    IF p_tokens[v_at] = '-' OR p_tokens[v_at - 1] = '-' OR (
        p_tokens[v_at + 1] IN ('-', 'to', 'a') AND p_tokens[v_at + 2] ~ '^[0-9]'
    ) OR (p_tokens[v_at + 1] = '%' AND p_tokens[v_at + 2] IN ('-', 'to', 'a') AND p_tokens[v_at + 3] ~ '^[0-9]') THEN
        rule := rule || ': out of range';
        RETURN;
    END IF;
    -- A scale: "8/10", "9 out of 10", "4 of 5", "7 sobre 10", "3 de 5".
    v_next := CASE
        WHEN p_tokens[v_at + 1] IN ('/', 'of', 'sobre', 'de') THEN v_at + 2
        WHEN p_tokens[v_at + 1] = 'out' AND p_tokens[v_at + 2] = 'of' THEN v_at + 3
    END;
    IF p_tokens[v_next] ~ '^[0-9]{1,3}$' THEN
        v_whole := p_tokens[v_next]::integer;
        confidence_score := CASE
            WHEN v_whole > 0 AND replace(p_tokens[v_at], ',', '.')::numeric <= v_whole
                THEN trim_scale(round(replace(p_tokens[v_at], ',', '.')::numeric / v_whole, 4))
        END;
        rule := rule || CASE WHEN confidence_score IS NULL THEN ': out of range' ELSE ' on its scale' END;
        RETURN;
    END IF;
    confidence_score := etl_parse_confidence(
        p_tokens[v_at]
        || CASE
            WHEN p_tokens[v_at + 1] IN ('%', 'percent') OR (p_tokens[v_at + 1] = 'por' AND p_tokens[v_at + 2] = 'ciento')
                THEN '%'
            ELSE ''
        END
    );
    IF confidence_score IS NULL THEN
        rule := rule || ': out of range or on no stated scale';
    END IF;
END
$$;

COMMENT ON FUNCTION etl_parse_text_confidence(text[]) IS
'Confidence from the asserted tokens of a free-text response (etl_parse_assertions), and its rule: '
'C1 the number after the first confidence/confianza/certainty label that has one ("Confidence: '
'96%", "Confianza: 0,88", "Confidence (0-1): 0.8"), else C2 a number right before it ("90% '
'confidence"). "8/10", "9 out of 10", "7 sobre 10", "3 de 5" are read on their scale; anything else '
'is normalised by etl_parse_confidence. NULL (the rule says why): a negative value, a range '
'("60-70%"), more than its scale ("12/10"), a bare number on no stated scale ("7"). A bare number '
'elsewhere is not a confidence.';

REVOKE ALL ON FUNCTION etl_parse_text_confidence(text[]) FROM PUBLIC;
