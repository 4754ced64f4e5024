-- The risk level stated in a free-text response, English or Spanish.
CREATE OR REPLACE FUNCTION etl_parse_text_risk_level(p_response text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT etl_parse_risk_level(coalesce(
        -- 1. A risk word right after a label: "Risk level: none", "Nivel de riesgo: ALTO",
        --    "risk of fire is high", "riesgo muy alto", "**Risk:** Moderate", "risk_level": "low".
        (regexp_match(
            t.folded,
            '(?:\mrisk(?:[\s_-]*(?:level|assessment|rating|category|score))?'
            '(?:\s+(?:of|for)\s+(?:a\s+)?(?:wild)?fires?)?'
            '|\mriesgo(?:\s+(?:de|del)\s+(?:incendios?|fuego)(?:\s+forestal(?:es)?)?)?'
            '|\mpeligro|\mdanger(?:[\s_-]*level)?|\mnivel\s*(?=:))'
            '[\s:=*"''`_()\[\]—–-]{0,10}'
            '(?:(?:is|es|was|be|seems|appears|remains|considered|assessed|estimated|rated|as|at|se|considera'
            '|muy|very|currently|actualmente|overall|general)[\s:=*"''`_()—–-]+){0,3}'
            '\m(critical|critico|critica|extreme|extremo|extrema|severe|severo|severa'
            '|high|alto|alta|elevated|elevado|elevada'
            '|medium|moderate|moderado|moderada|medio|media|intermediate|intermedio|intermedia'
            '|low|bajo|baja|minimal|minimo|minima'
            '|none|ninguno|ninguna|nulo|nula|nil)\M'
        ))[1],
        -- 2. A risk word before the label: "low risk", "HIGH RISK", "no immediate wildfire risk",
        --    "alto riesgo", "sin riesgo", "no hay riesgo".
        (regexp_match(
            t.folded,
            '\m(critical|extreme|severe|high|elevated|medium|moderate|low|minimal|no|alto|bajo|elevado|sin)'
            '(?:[\s_-]+(?:immediate|significant|apparent|real|major|serious|visible|current|inmediato|aparente'
            '|significativo|hay|existe|ningun))?'
            '(?:[\s_-]+(?:wild)?fire)?[\s_-]+(?:risk|riesgo)\M'
        ))[1],
        -- 3. A response that opens with the level as a heading: "CRITICAL: active flames ...".
        (regexp_match(
            t.folded,
            '^[\s*#>"''`_-]*(critical|critico|critica|extreme|extremo|extrema|high|alto|alta'
            '|medium|moderate|moderado|moderada|medio|media|low|bajo|baja)\M[\s*]*[:!.—–-]'
        ))[1]
    ))
    FROM (SELECT etl_parse_fold(p_response) AS folded) AS t
$$;

COMMENT ON FUNCTION etl_parse_text_risk_level(text) IS
'Risk level from free text: first a risk word right after a risk/riesgo/nivel/peligro label, else '
'one right before "risk"/"riesgo" ("low risk", "no risk", "sin riesgo"), else a level that opens '
'the response as a heading ("CRITICAL: ..."). A risk word anywhere else ("high in the sky", "low '
'clouds") is not a risk level: NULL.';
