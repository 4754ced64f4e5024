-- The one path walk through a parsed flatted document: etl_flatted_node returns what it finds,
-- etl_flatted_decode decodes from there. Nothing below the target is decoded, so extraction can
-- read a few fields of a 1 MB execution in microseconds.
CREATE OR REPLACE FUNCTION etl_flatted_locate(
    p_doc jsonb,
    p_path text[],
    OUT element integer,
    OUT node jsonb
)
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    v_child jsonb;
    v_key text;
BEGIN
    IF jsonb_typeof(p_doc) <> 'array' OR p_doc -> 0 IS NULL THEN
        RAISE EXCEPTION 'flatted: document is not a non-empty array' USING ERRCODE = 'SAI01';
    END IF;
    element := 0;
    node := p_doc -> 0;
    FOREACH v_key IN ARRAY p_path LOOP
        v_child := CASE jsonb_typeof(node)
            WHEN 'object' THEN node -> v_key
            WHEN 'array' THEN node -> CASE WHEN v_key ~ '^[0-9]{1,9}$' THEN v_key::integer END
        END;
        CASE jsonb_typeof(v_child)
            WHEN 'string' THEN
                element := etl_flatted_ref(p_doc, v_child);
                node := p_doc -> element;
            WHEN 'object', 'array' THEN
                RAISE EXCEPTION 'flatted: element % holds an inline %', element, jsonb_typeof(v_child)
                    USING ERRCODE = 'SAI01';
            ELSE
                IF v_child IS NULL THEN
                    node := NULL;
                    RETURN;
                END IF;
                node := v_child;
        END CASE;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION etl_flatted_locate(jsonb, text[]) IS
'Internal to etl_flatted_node/etl_flatted_decode: walks a parsed flatted document from the root '
'along p_path (object keys; array indices as text). node: what is there undecoded (as '
'etl_flatted_node returns it), NULL when the path does not exist; element: the index of the last '
'element the walk entered (the target''s own when node is a container). SAI01 for a document that '
'is not a non-empty array, a bad reference or an inline container.';

REVOKE ALL ON FUNCTION etl_flatted_locate(jsonb, text[]) FROM PUBLIC;
