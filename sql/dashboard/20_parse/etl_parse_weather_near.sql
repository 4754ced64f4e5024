-- Whether weather words follow a "heat" token: "heat is high in the afternoon" is the weather.
CREATE OR REPLACE FUNCTION etl_parse_weather_near(p_tokens text[], p_at integer)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
BEGIN
    -- Element by element: a slice of a large array would copy it whole on every call.
    FOR i IN p_at + 1..p_at + 5 LOOP
        IF p_tokens[i] IN (
            'afternoon', 'weather', 'temperature', 'temperatures', 'summer', 'sunny', 'ambient', 'degrees',
            'celsius', 'temperatura', 'verano', 'clima', 'grados'
        ) THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

COMMENT ON FUNCTION etl_parse_weather_near(text[], integer) IS
'True when one of the five tokens after p_at is a weather word (afternoon, weather, temperature, '
'summer, degrees, temperatura, clima, ...): etl_parse_text_detections then reads "heat" there as '
'the weather, not a heat signature.';

REVOKE ALL ON FUNCTION etl_parse_weather_near(text[], integer) FROM PUBLIC;
