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
    -- "8/10", "4 out of 5", "7 sobre 10": on its own scale, never more than it.
    v_parts := regexp_match(
        etl_parse_fold(p_value), '^\s*([0-9]{1,3}(?:[.,][0-9]{1,6})?)\s*(?:/|out of|of|sobre|de)\s*([0-9]{1,3})\s*$'
    );
    IF v_parts IS NOT NULL THEN
        v_number := replace(v_parts[1], ',', '.')::numeric;
        RETURN CASE
            WHEN v_parts[2]::integer > 0 AND v_number <= v_parts[2]::integer
                THEN trim_scale(round(v_number / v_parts[2]::integer, 4))
        END;
    END IF;
    v_parts := regexp_match(p_value, '^\s*([0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)\s*(%?)\s*$');
    -- Bounded so that the cast cannot overflow (and bounded repeats in the regex cost 5x).
    IF v_parts IS NULL OR length(v_parts[1]) > 40 THEN
        RETURN NULL;
    END IF;
    v_number := replace(v_parts[1], ',', '.')::numeric;
    IF v_parts[2] = '%' THEN
        v_number := v_number / 100;
    ELSIF v_number > 1 THEN
        -- Above 10 a bare number reads as a percentage ("87"); from 1 to 10 ("7", "1.5") it may be out
        -- of 5, of 10 or a percentage: no guess.
        v_number := CASE WHEN v_number > 10 THEN v_number / 100 END;
    END IF;
    RETURN CASE WHEN v_number <= 1 THEN trim_scale(v_number) END;
END
$$;

COMMENT ON FUNCTION etl_parse_confidence(text) IS
'Normalises one confidence value to 0..1: a fraction stays, a value with "%" or a bare number above '
'10 and up to 100 is a percentage, "8/10", "4 out of 5", "7 sobre 10" are read on their scale, a '
'decimal comma is accepted; anything else (negative, above 100 or its scale, a bare number above 1 '
'and up to 10 whose scale is not stated, words) is NULL: an invented confidence is worse than none.';

REVOKE ALL ON FUNCTION etl_parse_confidence(text) FROM PUBLIC;
