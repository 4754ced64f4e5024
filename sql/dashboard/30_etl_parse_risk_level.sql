-- One risk value ("ALTO", "Moderate", "no risk", "crítico") to critical/high/medium/low/none.
CREATE OR REPLACE FUNCTION etl_parse_risk_level(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN btrim(f.folded) IN ('no', 'sin') THEN 'none'
        WHEN w.word[1] IN ('critical', 'critico', 'critica', 'extreme', 'extremo', 'extrema',
                           'severe', 'severo', 'severa') THEN 'critical'
        WHEN w.word[1] IN ('high', 'alto', 'alta', 'elevated', 'elevado', 'elevada') THEN 'high'
        WHEN w.word[1] IN ('medium', 'moderate', 'moderado', 'moderada', 'medio', 'media',
                           'intermediate', 'intermedio', 'intermedia') THEN 'medium'
        WHEN w.word[1] IN ('low', 'bajo', 'baja', 'minimal', 'minimo', 'minima') THEN 'low'
        WHEN w.word[1] IS NOT NULL THEN 'none'
    END
    FROM (SELECT etl_parse_fold(p_value) AS folded) AS f
    CROSS JOIN LATERAL (
        SELECT regexp_match(
            f.folded,
            '\m(critical|critico|critica|extreme|extremo|extrema|severe|severo|severa'
            '|high|alto|alta|elevated|elevado|elevada'
            '|medium|moderate|moderado|moderada|medio|media|intermediate|intermedio|intermedia'
            '|low|bajo|baja|minimal|minimo|minima'
            '|none|ninguno|ninguna|nulo|nula|nil|no\s+risk|sin\s+riesgo)\M'
        ) AS word
    ) AS w
$$;

COMMENT ON FUNCTION etl_parse_risk_level(text) IS
'Maps a risk value written in English or Spanish to exactly one of critical, high, medium, low, '
'none (moderate/medio/moderado = medium; "no risk", ninguno, nulo and a bare "no" or "sin" = none); '
'the first risk word wins ("medium-high" = medium). No risk word: NULL.';
