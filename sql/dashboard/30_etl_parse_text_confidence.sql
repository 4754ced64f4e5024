-- The confidence stated in a free-text response, English or Spanish.
CREATE OR REPLACE FUNCTION etl_parse_text_confidence(p_response text)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN m.parts IS NULL THEN NULL
        -- "8/10", "9 out of 10"
        WHEN m.parts[3] IS NOT NULL THEN
            CASE WHEN m.parts[3]::numeric > 0 AND replace(m.parts[1], ',', '.')::numeric <= m.parts[3]::numeric
                THEN trim_scale(replace(m.parts[1], ',', '.')::numeric / m.parts[3]::numeric) END
        ELSE etl_parse_confidence(m.parts[1] || CASE WHEN m.parts[2] IS NOT NULL THEN '%' ELSE '' END)
    END
    FROM (SELECT etl_parse_fold(p_response) AS folded) AS t
    CROSS JOIN LATERAL (
        SELECT coalesce(
            -- "Confidence: 96%", "Confianza: 88 %", "confidence 0.97", "confidence level of about 0,9",
            -- "Confidence: high (0.9)"
            regexp_match(
                t.folded,
                '\m(?:confidence|confianza|certainty|certeza)(?:[\s_-]*(?:level|score|nivel))?'
                '[\s:=*"''`(~_-]{0,10}'
                '(?:(?:is|of|at|about|around|approximately|approx|roughly|es|de|del|aproximadamente|aprox|un|una'
                '|level|score|nivel|high|medium|low|alta|media|baja|alto|medio|bajo)[\s:=*"''`(~_-]+){0,3}'
                '([0-9]{1,10}(?:[.,][0-9]{1,30})?|[.,][0-9]{1,30})(?![0-9])\s*(%|percent\M|por\s*ciento\M)?'
                '(?:\s*(?:/|out\s+of)\s*([0-9]{1,3})(?![0-9]))?'
            ),
            -- "90% confidence", "I am 85% confident", "con un 80% de confianza"
            regexp_match(
                t.folded,
                '(?:^|[^0-9.,])([0-9]{1,10}(?:[.,][0-9]{1,30})?|[.,][0-9]{1,30})\s*(%|percent\M|por\s*ciento\M)?'
                '(?:\s*(?:/|out\s+of)\s*([0-9]{1,3})(?![0-9]))?'
                '\s*(?:de\s+|of\s+)?(?:confidence|confident|confianza|certainty|certeza|seguro|segura)\M'
            )
        ) AS parts
    ) AS m
$$;

COMMENT ON FUNCTION etl_parse_text_confidence(text) IS
'Confidence from free text: a number after a confidence/confianza/certainty label ("Confidence: '
'96%", "Confianza: 0,88", "confidence 0.97", "8/10"), else a number just before it ("90% '
'confidence"); normalised by etl_parse_confidence. A bare number elsewhere is not a confidence.';
