-- The five facts from a JSON object of the model, whatever key spelling it chose.
CREATE OR REPLACE FUNCTION etl_parse_json_facts(p_object jsonb)
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
BEGIN
    RETURN QUERY
    WITH candidate AS (
        -- The object itself, else an object nested one level down ({"analysis": {...}}).
        SELECT p_object AS obj, 0 AS depth, ''::text AS member
        UNION ALL
        SELECT e.value, 1, e.key
        FROM jsonb_each(p_object) AS e
        WHERE jsonb_typeof(e.value) = 'object'
    ),
    field AS (
        SELECT
            c.depth,
            c.member,
            f.key,
            f.value,
            k.folded IN ('risklevel', 'confidence', 'confidencescore', 'smokedetected', 'flamedetected',
                         'heatsignaturedetected') AS exact,
            CASE
                WHEN k.folded IN (
                    'risklevel', 'risk', 'riskassessment', 'riskcategory', 'riskrating', 'firerisk',
                    'firerisklevel', 'wildfirerisk', 'wildfirerisklevel', 'level', 'nivelriesgo',
                    'nivelderiesgo', 'riesgo', 'riesgodeincendio', 'nivel', 'niveldepeligro'
                ) THEN 'risk'
                WHEN k.folded IN (
                    'confidence', 'confidencescore', 'confidencelevel', 'confianza', 'nivelconfianza',
                    'niveldeconfianza', 'gradodeconfianza', 'certainty', 'certeza'
                ) THEN 'confidence'
                WHEN k.base IN ('smoke', 'humo') THEN 'smoke'
                WHEN k.base IN (
                    'flame', 'flames', 'fire', 'fires', 'activefire', 'openflame', 'openflames', 'llama',
                    'llamas', 'fuego', 'incendio', 'wildfire'
                ) THEN 'flame'
                WHEN k.base IN (
                    'heat', 'heatsignature', 'heatsignatures', 'thermal', 'thermalsignature',
                    'thermalanomaly', 'hotspot', 'hotspots', 'calor', 'firmatermica', 'firmastermicas',
                    'firmadecalor', 'anomaliatermica'
                ) THEN 'heat'
            END AS fact
        FROM candidate AS c
        CROSS JOIN LATERAL jsonb_each(c.obj) AS f
        CROSS JOIN LATERAL (
            SELECT regexp_replace(etl_parse_fold(f.key), '[^a-z0-9]', '', 'g') AS folded
        ) AS kf
        CROSS JOIN LATERAL (
            -- smoke_detected, has_smoke, presencia_de_humo, flames_visible: the thing named.
            SELECT
                kf.folded,
                regexp_replace(
                    kf.folded,
                    '^(?:has|is|presenciade|presencia)|(?:detected|detectado|detectada|detectados|detectadas'
                    '|present|presente|visible|visibles|found)$',
                    '', 'g'
                ) AS base
        ) AS k
    ),
    chosen AS (
        -- The first candidate object that names at least one fact.
        SELECT fd.depth, fd.member
        FROM field AS fd
        WHERE fd.fact IS NOT NULL
        ORDER BY fd.depth, fd.member
        LIMIT 1
    ),
    fact AS (
        SELECT DISTINCT ON (fd.fact) fd.fact, fd.value
        FROM field AS fd
        JOIN chosen AS ch ON ch.depth = fd.depth AND ch.member = fd.member
        WHERE fd.fact IS NOT NULL
        ORDER BY fd.fact, fd.exact DESC, fd.key
    )
    SELECT
        etl_parse_risk_level(CASE WHEN jsonb_typeof(a.facts -> 'risk') = 'string' THEN a.facts ->> 'risk' END),
        etl_parse_confidence(
            CASE WHEN jsonb_typeof(a.facts -> 'confidence') IN ('number', 'string') THEN a.facts ->> 'confidence' END
        ),
        etl_parse_flag(a.facts -> 'smoke'),
        etl_parse_flag(a.facts -> 'flame'),
        etl_parse_flag(a.facts -> 'heat')
    FROM (SELECT jsonb_object_agg(ft.fact, ft.value) AS facts FROM fact AS ft) AS a
    WHERE a.facts IS NOT NULL;
END
$$;

COMMENT ON FUNCTION etl_parse_json_facts(jsonb) IS
'Reads risk, confidence and the three detections from the model''s JSON object (or the first object '
'nested in it that has any of them). Keys are matched case-, accent- and separator-blind in English '
'and Spanish (riskLevel, nivel_riesgo, confianza, smoke/humo, flames/fire/fuego/llamas, '
'heat/heat_signature/calor, smoke_detected, has_smoke, ...); an absent key is NULL. No row when the '
'object names none of them.';
