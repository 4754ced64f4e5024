-- A thing's probability from the model's JSON ("smoke_probability": 0) as a detection.
CREATE OR REPLACE FUNCTION etl_parse_flag_probability(p_value jsonb)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE etl_parse_confidence(
        CASE WHEN jsonb_typeof(p_value) IN ('number', 'string') THEN p_value #>> '{}' END
    )
        WHEN 0 THEN false
        WHEN 1 THEN true
    END
$$;

COMMENT ON FUNCTION etl_parse_flag_probability(jsonb) IS
'A smoke/flame/heat probability of the model''s JSON as a detection: 0 (or 0%) is false, 1 (or '
'100%) is true; any other probability, or a value that is none (etl_parse_confidence), is NULL: '
'the model is unsure, and a guessed threshold would invent a value.';

REVOKE ALL ON FUNCTION etl_parse_flag_probability(jsonb) FROM PUBLIC;
