-- Parse n8n's flatted `execution_data.data` text once, into the jsonb array the walker and the
-- decoder read. Every failure names what is wrong, so a failed queue item says why.
CREATE OR REPLACE FUNCTION etl_flatted_parse(p_data text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    v_doc jsonb;
    v_detail text;
BEGIN
    BEGIN
        v_doc := p_data::jsonb;
    EXCEPTION
        WHEN invalid_text_representation THEN
            GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
            -- The parser quotes the offending token whole: one 50 MB token would make a 50 MB
            -- error (and last_error). 200 characters say where it went wrong.
            RAISE EXCEPTION 'flatted: not JSON'
                USING ERRCODE = 'invalid_text_representation',
                    DETAIL = left(v_detail, 200) || CASE WHEN length(v_detail) > 200 THEN '...' ELSE '' END;
        WHEN untranslatable_character OR numeric_value_out_of_range THEN
            GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
            RAISE EXCEPTION 'flatted: JSON that jsonb cannot hold (%)', SQLERRM
                USING ERRCODE = SQLSTATE, DETAIL = left(v_detail, 200);
        WHEN statement_too_complex THEN
            RAISE EXCEPTION 'flatted: nesting too deep'
                USING ERRCODE = 'statement_too_complex';
    END;
    IF jsonb_typeof(v_doc) <> 'array' THEN
        RAISE EXCEPTION 'flatted: top level is %, not an array', jsonb_typeof(v_doc)
            USING ERRCODE = 'SAI01';
    END IF;
    IF jsonb_array_length(v_doc) = 0 THEN
        RAISE EXCEPTION 'flatted: empty array, no root element'
            USING ERRCODE = 'SAI01';
    END IF;
    RETURN v_doc;
END;
$$;

COMMENT ON FUNCTION etl_flatted_parse(text) IS
'Parses n8n flatted text (execution_data.data) once into a jsonb array for etl_flatted_node and '
'etl_flatted_decode. Errors: 22P02 "flatted: not JSON" (detail: the parser''s, cut to 200 '
'characters); 22P05 and 22003 "flatted: JSON that jsonb cannot hold (...)" for \u0000 and numbers '
'beyond numeric''s range; 54001 "flatted: nesting too deep"; SAI01 (malformed flatted data, shared '
'by all etl_flatted_* functions) when the top level is not an array or is empty.';

REVOKE ALL ON FUNCTION etl_flatted_parse(text) FROM PUBLIC;
