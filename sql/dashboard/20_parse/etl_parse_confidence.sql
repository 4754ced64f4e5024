-- One confidence value as the model wrote it ("0.87", "87", "87%", "0,87") to a fraction.
CREATE OR REPLACE FUNCTION etl_parse_confidence(p_value text)
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_parts text[];
    v_number numeric;
BEGIN
    v_parts := regexp_match(p_value, '^\s*([0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)\s*(%?)\s*$');
    -- Bounded so that the cast cannot overflow (and bounded repeats in the regex cost 5x).
    IF v_parts IS NULL OR length(v_parts[1]) > 40 THEN
        RETURN NULL;
    END IF;
    v_number := replace(v_parts[1], ',', '.')::numeric;
    IF v_parts[2] = '%' OR v_number > 1 THEN
        v_number := v_number / 100;
    END IF;
    RETURN CASE WHEN v_number <= 1 THEN trim_scale(v_number) END;
END
$$;

COMMENT ON FUNCTION etl_parse_confidence(text) IS
'Normalises one confidence value to 0..1: a fraction stays, a number above 1 and up to 100 or a '
'value with "%" is a percentage, a decimal comma is accepted; anything else (negative, above 100, '
'words) is NULL, because an invented confidence is worse than none.';

REVOKE ALL ON FUNCTION etl_parse_confidence(text) FROM PUBLIC;
