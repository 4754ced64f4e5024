-- Tells whether a text casts to jsonb, without trying the cast: PostgreSQL 15 has no
-- pg_input_is_valid(), and an EXCEPTION block would start a subtransaction, which parallel
-- workers refuse ("cannot start subtransactions during a parallel operation").
CREATE OR REPLACE FUNCTION etl_parse_json_valid(p_text text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    -- \x01 stands for a string, \x02 for any other complete value.
    v_rest text;
    v_before text;
BEGIN
    -- The stand-ins must not occur already; \u0000 and surrogate escapes are refused by jsonb.
    -- Up to 15,000 characters no number can exceed numeric's 16,383 decimal digits, even with e-999.
    IF p_text IS NULL OR length(p_text) > 15000 OR p_text ~ '[\x01\x02]'
        OR p_text ~ '\\u(?:0000|[dD][89a-fA-F])' THEN
        RETURN false;
    END IF;
    v_rest := regexp_replace(p_text, '"(?:[^"\\\x01-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"', E'\x01', 'g');
    v_rest := regexp_replace(
        v_rest, '-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,3})?|true|false|null', E'\x02', 'g'
    );
    v_rest := translate(v_rest, E' \t\n\r', '');
    IF v_rest ~ '[^\x01\x02{}\[\],:]' THEN
        RETURN false;
    END IF;
    -- Reduce innermost objects and arrays to a value until one value is left; 64 levels at most.
    FOR i IN 1..64 LOOP
        EXIT WHEN v_rest IN (E'\x01', E'\x02');
        v_before := v_rest;
        v_rest := regexp_replace(
            v_rest, '\{(?:\x01:[\x01\x02](?:,\x01:[\x01\x02])*)?\}|\[(?:[\x01\x02](?:,[\x01\x02])*)?\]', E'\x02', 'g'
        );
        EXIT WHEN v_rest = v_before;
    END LOOP;
    RETURN v_rest IN (E'\x01', E'\x02');
END
$$;

COMMENT ON FUNCTION etl_parse_json_valid(text) IS
'True when the text is one JSON value that ::jsonb accepts. Checked by rewriting (strings, then '
'scalars, then innermost containers) instead of catching the cast''s error, so callers stay '
'PARALLEL SAFE and never raise. Deliberately stricter than jsonb: refuses \u0000 and surrogate '
'escapes, exponents beyond 999, texts over 15,000 characters and nesting deeper than 64; the caller '
'then reads the response as text.';

REVOKE ALL ON FUNCTION etl_parse_json_valid(text) FROM PUBLIC;
