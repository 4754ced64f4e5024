-- Which fact a key of the model's JSON names, given the key that holds it: "riskLevel",
-- "nivel_de_riesgo", "humo", "smoke": {"detected": ...}, "risk": {"level": ...}.
CREATE OR REPLACE FUNCTION etl_parse_json_key(p_key text, p_parent text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    -- "Risk Level", "risk-level", "riskLevel", "nivel_riesgo" all read as risklevel / nivelriesgo.
    v_key text := regexp_replace(etl_parse_fold(p_key), '[^a-z0-9]', '', 'g');
    v_parent text := CASE WHEN p_parent IS NOT NULL THEN etl_parse_json_key(p_parent, NULL) END;
BEGIN
    -- Inside a thing's own object: {"smoke": {"detected": true, "confidence": 0.7}}; its confidence is
    -- the thing's, not the analysis'.
    IF v_parent IN ('smoke', 'flame', 'heat') THEN
        RETURN CASE
            WHEN v_key IN (
                'detected', 'present', 'visible', 'value', 'status', 'found', 'detectado', 'detectada', 'presente',
                'valor', 'estado', 'observed'
            ) THEN v_parent
            WHEN v_key ~ '(probab|likelihood)' THEN v_parent || ' probability'
        END;
    END IF;
    IF v_parent = 'risk' AND v_key IN ('level', 'nivel', 'label', 'category', 'categoria', 'class', 'rating', 'value', 'valor') THEN
        RETURN 'risk';
    END IF;
    RETURN CASE
        WHEN v_key ~ '^(overall|current|general)?(fire|wildfire)?(risk|danger)(level|label|rating|category|assessment|class)?$'
            OR v_key ~ '^(nivel|grado)?(de)?(riesgo|peligro)(de)?(incendio|fuego)?(forestal)?$'
            OR v_key IN ('level', 'nivel', 'riskassessment', 'firerisklevel', 'wildfirerisklevel') THEN 'risk'
        WHEN v_key ~ '^(overall)?(confidence|certainty)(score|level|value)?$'
            OR v_key ~ '^(nivel|grado)?(de)?(confianza|certeza)$' THEN 'confidence'
        -- A thing's probability ("smoke_probability", "probabilidad_humo") is read as a probability.
        WHEN v_key ~ '(probab|likelihood)' THEN CASE
            WHEN v_key ~ '(smoke|humo)' THEN 'smoke probability'
            WHEN v_key ~ '(flame|fire|llama|fuego|incendio)' THEN 'flame probability'
            WHEN v_key ~ '(heat|thermal|calor|termic)' THEN 'heat probability'
        END
        WHEN v_key ~ '(smoke|humo)' AND v_key !~ 'detector' THEN 'smoke'
        WHEN v_key ~ '(flame|fire|llama|fuego|incendio|blaze)' THEN 'flame'
        WHEN v_key ~ '(heat|thermal|hotspot|calor|termic|anomaliatermica)' THEN 'heat'
    END;
END
$$;

COMMENT ON FUNCTION etl_parse_json_key(text, text) IS
'The fact (risk, confidence, smoke, flame, heat, or "<thing> probability") a key of the model''s '
'JSON names, case-, accent- and separator-blind in English and Spanish: riskLevel, risk, fire_risk, '
'nivel_de_riesgo, riesgo, level; confidence, confidence_score, confianza, certeza; any key with '
'smoke/humo, flame/fire/llama/fuego/incendio, heat/thermal/hotspot/calor/térmica in it '
'(has_smoke, flames_visible, firma_termica), one with probability/likelihood as that thing''s '
'probability. p_parent is the key holding it: {"smoke": {"detected": true}} is smoke, {"risk": '
'{"level": "high"}} is risk, a confidence inside a thing''s object is not the analysis'' one. NULL: '
'another key.';

REVOKE ALL ON FUNCTION etl_parse_json_key(text, text) FROM PUBLIC;
