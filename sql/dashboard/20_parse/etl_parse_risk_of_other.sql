-- Whether the risk label at a position speaks of another danger than fire: "risk of rain",
-- "risk of a traffic accident", "riesgo de accidente", "high risk of overheating".
CREATE OR REPLACE FUNCTION etl_parse_risk_of_other(p_tokens text[], p_label integer)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_next integer := p_label + 1;
BEGIN
    IF p_tokens[v_next] IS NULL OR p_tokens[v_next] NOT IN ('of', 'de', 'del', 'for', 'para') THEN
        RETURN false;
    END IF;
    v_next := v_next + 1;
    WHILE p_tokens[v_next] IN ('a', 'an', 'the', 'un', 'una', 'el', 'la', 'los', 'las', 'any') LOOP
        v_next := v_next + 1;
    END LOOP;
    RETURN p_tokens[v_next] ~ '^[a-z]' AND p_tokens[v_next] NOT IN (
        'fire', 'fires', 'wildfire', 'wildfires', 'forest', 'bushfire', 'burning', 'ignition', 'spread',
        'incendio', 'incendios', 'fuego', 'fuegos', 'propagacion', 'ignicion', 'this', 'that', 'these', 'scene',
        'image', 'area', 'situation', 'frame', 'zone', 'camera', 'site', 'location', 'esta', 'este', 'escena',
        'imagen', 'zona', 'area', 'situacion', 'camara', 'level', 'nivel'
    );
END
$$;

COMMENT ON FUNCTION etl_parse_risk_of_other(text[], integer) IS
'True when the risk/riesgo/danger label at p_label is followed by "of"/"de"/"for" and a word that is '
'not fire (fire, wildfire, incendio, fuego, spread, ...) nor the scene itself (this, image, area, '
'zona, ...): "risk of rain", "riesgo de accidente". etl_parse_text_risk_level reads no level there.';

REVOKE ALL ON FUNCTION etl_parse_risk_of_other(text[], integer) FROM PUBLIC;
