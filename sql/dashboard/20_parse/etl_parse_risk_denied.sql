-- Whether a negation governs the risk word at a position: "not a high risk", "I would not call this
-- a high risk", "no hay indicios de un riesgo crítico".
CREATE OR REPLACE FUNCTION etl_parse_risk_denied(p_tokens text[], p_at integer)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
BEGIN
    -- Back over at most six tokens, within the phrase (no punctuation), and not past a thing of
    -- its own ("no smoke and low risk" denies the smoke, not the risk).
    FOR i IN REVERSE p_at - 1 .. greatest(p_at - 6, 1) LOOP
        EXIT WHEN p_tokens[i] IN (
            '.', ';', ',', '!', '?', '|', E'\n', ':', 'but', 'pero', 'and', 'y', 'smoke', 'humo', 'flame',
            'flames', 'llamas', 'fire', 'fuego', 'heat', 'calor'
        );
        IF p_tokens[i] IN ('no', 'not', 'never', 'nor', 'ni', 'nunca', 'neither', 'hardly') THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

COMMENT ON FUNCTION etl_parse_risk_denied(text[], integer) IS
'True when no/not/never/ni/nunca stands in the six tokens before p_at, within the phrase (no '
'punctuation, "and", "but" or smoke/flame/heat word between): the level there is denied, not '
'stated. Used by etl_parse_text_risk_level.';

REVOKE ALL ON FUNCTION etl_parse_risk_denied(text[], integer) FROM PUBLIC;
