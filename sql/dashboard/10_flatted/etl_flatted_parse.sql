-- Parse n8n flatted `execution_data.data` text once, into the jsonb array the walker and the
-- decoder read. Every failure names what is wrong, so a failed queue item says why.
CREATE OR REPLACE FUNCTION etl_flatted_parse(p_data text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    v_text text := p_data;
    v_retried boolean := false;
    v_cleaned text;
    v_doc jsonb;
    v_detail text;
BEGIN
    -- At most two casts: the text as it is (the clean path costs nothing more), then, if jsonb
    -- refused a string escape it cannot hold, the text with each string value holding one made null.
    LOOP
        BEGIN
            v_doc := v_text::jsonb;
            EXIT;
        EXCEPTION
            WHEN invalid_text_representation OR untranslatable_character THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
                IF NOT v_retried AND (SQLSTATE = '22P05' OR v_detail LIKE '%surrogate%') THEN
                    -- A string value (a literal not followed by ':', so not a key) holding \u0000 or
                    -- a lone surrogate escape. Items are matched whole from the opening quote, so an
                    -- escaped backslash followed by "u0000" is text, and a valid pair is kept.
                    -- Anything else (a bad key, invalid escapes, raw control characters) stays, so
                    -- the second cast fails with the error it has today.
                    v_cleaned := regexp_replace(
                        v_text,
                        '"(?:[^"\\\x01-\x1f]|\\["\\/bfnrt]|\\u(?!0000|[dD][89a-fA-F])[0-9a-fA-F]{4}'
                        '|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})*'
                        '(?:\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|\\u[dD][c-fC-F][0-9a-fA-F]{2})'
                        '(?:[^"\\\x01-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"(?!\s*:)',
                        'null', 'g'
                    );
                    IF v_cleaned <> v_text THEN
                        v_text := v_cleaned;
                        v_retried := true;
                        CONTINUE;
                    END IF;
                END IF;
                IF SQLSTATE = '22P02' THEN
                    -- The parser quotes the offending token whole: one 50 MB token would make a
                    -- 50 MB error (and last_error). 200 characters say where it went wrong.
                    RAISE EXCEPTION 'flatted: not JSON'
                        USING ERRCODE = 'invalid_text_representation',
                            DETAIL = left(v_detail, 200) || CASE WHEN length(v_detail) > 200 THEN '...' ELSE '' END;
                END IF;
                RAISE EXCEPTION 'flatted: JSON that jsonb cannot hold (%)', SQLERRM
                    USING ERRCODE = SQLSTATE, DETAIL = left(v_detail, 200);
            WHEN numeric_value_out_of_range THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
                RAISE EXCEPTION 'flatted: JSON that jsonb cannot hold (%)', SQLERRM
                    USING ERRCODE = SQLSTATE, DETAIL = left(v_detail, 200);
            WHEN statement_too_complex THEN
                RAISE EXCEPTION 'flatted: nesting too deep'
                    USING ERRCODE = 'statement_too_complex';
        END;
    END LOOP;
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
'etl_flatted_decode. A string value holding an escape jsonb cannot hold (\u0000, a lone high or '
'low surrogate) becomes JSON null, so one bad string loses that value only; the text is cast as '
'it is first, and rewritten only when jsonb refuses such an escape. Errors: 22P02 "flatted: not '
'JSON" (detail: the parser''s, cut to 200 characters; also a lone surrogate in an object key); '
'22P05 and 22003 "flatted: JSON that jsonb cannot hold (...)" for \u0000 in an object key and '
'numbers beyond numeric''s range; 54001 "flatted: nesting too deep"; SAI01 (malformed flatted '
'data, shared by all etl_flatted_* functions) when the top level is not an array or is empty.';

REVOKE ALL ON FUNCTION etl_flatted_parse(text) FROM PUBLIC;
