-- The confidence stated in a free-text response (its tokens), English or Spanish.
CREATE OR REPLACE FUNCTION etl_parse_text_confidence(p_tokens text[])
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_label integer;
    v_next integer;
    v_at integer;
    v_number numeric;
    v_whole numeric;
BEGIN
    -- The number after a label: "Confidence: 96%", "Confianza: 0,88", "confidence 0.97",
    -- "confidence level of about 0.9", "Confidence: high (0.9)". The earliest label with a number wins.
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'confidence') || array_positions(p_tokens, 'confianza')
        || array_positions(p_tokens, 'certainty') || array_positions(p_tokens, 'certeza')
    LOOP
        v_next := v_label + 1;
        WHILE v_next <= v_label + 6 AND p_tokens[v_next] IN (
            ':', 'level', 'score', 'nivel', 'is', 'of', 'at', 'about', 'around', 'approximately', 'approx',
            'roughly', 'es', 'de', 'del', 'el', 'la', 'aproximadamente', 'aprox', 'un', 'una', 'high', 'medium',
            'low', 'alta', 'media', 'baja', 'alto', 'medio', 'bajo'
        ) LOOP
            v_next := v_next + 1;
        END LOOP;
        IF left(p_tokens[v_next], 1) BETWEEN '0' AND '9' AND (v_at IS NULL OR v_next < v_at) THEN
            v_at := v_next;
        END IF;
    END LOOP;
    -- Else the number before it: "90% confidence", "I am 85% confident", "80% de confianza".
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
            IF left(p_tokens[v_next], 1) BETWEEN '0' AND '9' AND (v_at IS NULL OR v_next < v_at) THEN
                v_at := v_next;
            END IF;
        END LOOP;
    END IF;
    -- A number token (etl_parse_tokens); bounded so that the casts cannot overflow.
    IF v_at IS NULL OR length(p_tokens[v_at]) > 40 THEN
        RETURN NULL;
    END IF;
    -- "8/10", "9 out of 10"
    v_next := CASE
        WHEN p_tokens[v_at + 1] = '/' THEN v_at + 2
        WHEN p_tokens[v_at + 1] = 'out' AND p_tokens[v_at + 2] = 'of' THEN v_at + 3
    END;
    IF length(p_tokens[v_next]) <= 3 AND translate(p_tokens[v_next], '0123456789', '') = '' THEN
        v_number := replace(p_tokens[v_at], ',', '.')::numeric;
        v_whole := p_tokens[v_next]::numeric;
        RETURN CASE WHEN v_whole > 0 AND v_number <= v_whole THEN trim_scale(v_number / v_whole) END;
    END IF;
    RETURN etl_parse_confidence(
        p_tokens[v_at]
        || CASE
            WHEN p_tokens[v_at + 1] IN ('%', 'percent') OR (p_tokens[v_at + 1] = 'por' AND p_tokens[v_at + 2] = 'ciento')
                THEN '%'
            ELSE ''
        END
    );
END
$$;

COMMENT ON FUNCTION etl_parse_text_confidence(text[]) IS
'Confidence from the tokens of a free-text response (etl_parse_tokens): the number after the first '
'confidence/confianza/certainty label that has one ("Confidence: 96%", "Confianza: 0,88", '
'"confidence 0.97", "8/10"), else a number right before it ("90% confidence"); normalised by '
'etl_parse_confidence. A bare number elsewhere is not a confidence.';

REVOKE ALL ON FUNCTION etl_parse_text_confidence(text[]) FROM PUBLIC;
