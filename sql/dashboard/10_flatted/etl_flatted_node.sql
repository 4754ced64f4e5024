-- The cheap walker: follows a path through a parsed flatted document without decoding anything
-- below it, so extraction can read a few fields of a 1 MB execution in microseconds.
CREATE OR REPLACE FUNCTION etl_flatted_node(p_doc jsonb, p_path text[])
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    v_idx integer := 0;
    v_cur jsonb;
    v_child jsonb;
    v_key text;
BEGIN
    IF jsonb_typeof(p_doc) <> 'array' OR p_doc -> 0 IS NULL THEN
        RAISE EXCEPTION 'flatted: document is not a non-empty array' USING ERRCODE = 'SAI01';
    END IF;
    v_cur := p_doc -> 0;
    FOREACH v_key IN ARRAY p_path LOOP
        v_child := CASE jsonb_typeof(v_cur)
            WHEN 'object' THEN v_cur -> v_key
            WHEN 'array' THEN v_cur -> CASE WHEN v_key ~ '^[0-9]{1,9}$' THEN v_key::integer END
        END;
        CASE jsonb_typeof(v_child)
            WHEN 'string' THEN
                v_idx := etl_flatted_ref(p_doc, v_child);
                v_cur := p_doc -> v_idx;
            WHEN 'object', 'array' THEN
                RAISE EXCEPTION 'flatted: element % holds an inline %', v_idx, jsonb_typeof(v_child)
                    USING ERRCODE = 'SAI01';
            ELSE
                IF v_child IS NULL THEN
                    RETURN NULL;
                END IF;
                v_cur := v_child;
        END CASE;
    END LOOP;
    RETURN v_cur;
END;
$$;

COMMENT ON FUNCTION etl_flatted_node(jsonb, text[]) IS
'Walks a parsed flatted document (etl_flatted_parse) from the root along p_path (object keys; '
'array indices as text) and returns what is there undecoded: a raw element (its strings still '
'references) or a leaf value (a string element as a jsonb string; numbers, booleans, null as '
'stored). NULL when the path does not exist. SAI01 for a bad reference or an inline container. '
'Cost is per step, independent of document size, for an in-memory (not toasted) p_doc.';

REVOKE ALL ON FUNCTION etl_flatted_node(jsonb, text[]) FROM PUBLIC;
