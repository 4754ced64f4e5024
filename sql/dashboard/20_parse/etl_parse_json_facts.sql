-- The five facts from one JSON object of the model, whatever key spelling it chose.
CREATE OR REPLACE FUNCTION etl_parse_json_facts(
    p_object jsonb,
    OUT risk_level text,
    OUT confidence_score numeric,
    OUT smoke_detected boolean,
    OUT flame_detected boolean,
    OUT heat_signature_detected boolean,
    OUT facts_named integer
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_key text;
    v_value jsonb;
    v_fact text;
    -- The key found for each fact, by rank: 1 the contract's own name, 2 another spelling.
    v_rank integer[] := ARRAY[9, 9, 9, 9, 9];
    v_chosen jsonb[] := ARRAY[NULL, NULL, NULL, NULL, NULL]::jsonb[];
    v_slot integer;
BEGIN
    facts_named := 0;
    FOR v_key, v_value IN SELECT e.key, e.value FROM jsonb_each(p_object) AS e ORDER BY e.key LOOP
        -- "Risk Level", "risk-level", "riskLevel", "nivel_riesgo" all read as risklevel / nivelriesgo.
        v_key := regexp_replace(etl_parse_fold(v_key), '[^a-z0-9]', '', 'g');
        v_fact := CASE
            WHEN v_key IN (
                'risklevel', 'risk', 'riskassessment', 'riskcategory', 'riskrating', 'firerisk', 'firerisklevel',
                'wildfirerisk', 'wildfirerisklevel', 'level', 'nivel', 'nivelriesgo', 'nivelderiesgo', 'riesgo',
                'riesgodeincendio', 'niveldepeligro'
            ) THEN 'risk'
            WHEN v_key IN (
                'confidence', 'confidencescore', 'confidencelevel', 'confianza', 'nivelconfianza', 'niveldeconfianza',
                'gradodeconfianza', 'certainty', 'certeza'
            ) THEN 'confidence'
            WHEN v_key IN (
                'smokedetected', 'smoke', 'smokepresent', 'smokevisible', 'hassmoke', 'humo', 'humodetectado',
                'presenciadehumo', 'presenciahumo', 'hayhumo'
            ) THEN 'smoke'
            WHEN v_key IN (
                'flamedetected', 'flamesdetected', 'flame', 'flames', 'flamepresent', 'flamesvisible',
                'flamevisible', 'hasflames', 'openflames', 'fire', 'firedetected', 'activefire', 'hasfire',
                'llamas', 'llama', 'llamasdetectadas', 'fuego', 'fuegodetectado', 'incendio', 'presenciadellamas',
                'presenciadefuego'
            ) THEN 'flame'
            WHEN v_key IN (
                'heatsignaturedetected', 'heatsignature', 'heatsignatures', 'heat', 'heatdetected', 'thermal',
                'thermalsignature', 'thermalsignaturedetected', 'thermalanomaly', 'hotspot', 'hotspots',
                'hotspotsdetected', 'calor', 'calordetectado', 'firmatermica', 'firmastermicas', 'firmadecalor',
                'anomaliatermica'
            ) THEN 'heat'
        END;
        CONTINUE WHEN v_fact IS NULL;
        facts_named := facts_named + 1;
        v_slot := array_position(ARRAY['risk', 'confidence', 'smoke', 'flame', 'heat'], v_fact);
        IF v_rank[v_slot] > 1 THEN
            v_rank[v_slot] := CASE WHEN v_key IN (
                'risklevel', 'confidence', 'confidencescore', 'smokedetected', 'flamedetected',
                'heatsignaturedetected'
            ) THEN 1 ELSE 2 END;
            IF v_chosen[v_slot] IS NULL OR v_rank[v_slot] = 1 THEN
                v_chosen[v_slot] := v_value;
            END IF;
        END IF;
    END LOOP;
    risk_level := etl_parse_risk_level(CASE WHEN jsonb_typeof(v_chosen[1]) = 'string' THEN v_chosen[1] #>> '{}' END);
    confidence_score := etl_parse_confidence(
        CASE WHEN jsonb_typeof(v_chosen[2]) IN ('number', 'string') THEN v_chosen[2] #>> '{}' END
    );
    smoke_detected := etl_parse_flag(v_chosen[3]);
    flame_detected := etl_parse_flag(v_chosen[4]);
    heat_signature_detected := etl_parse_flag(v_chosen[5]);
END
$$;

COMMENT ON FUNCTION etl_parse_json_facts(jsonb) IS
'Reads risk, confidence and the three detections from the keys of one JSON object of the model. Keys '
'match case-, accent- and separator-blind in English and Spanish (riskLevel, nivel_riesgo, confianza, '
'smoke/humo, flames/fire/fuego/llamas, heat/heat_signature/calor, has_smoke, ...); the contract''s '
'own key wins over another spelling. An absent key is NULL; facts_named counts the keys recognised, '
'0 meaning the object is not an analysis.';

REVOKE ALL ON FUNCTION etl_parse_json_facts(jsonb) FROM PUBLIC;
