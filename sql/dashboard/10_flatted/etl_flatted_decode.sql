-- Full decode of a flatted subtree into plain JSON. Iterative (an explicit frame stack, no
-- recursion), so neither a deep document nor a cycle can exhaust the stack or loop: cycles,
-- depth and node count are checked as the walk goes.
CREATE OR REPLACE FUNCTION etl_flatted_decode(
    p_doc jsonb,
    p_path text[] DEFAULT '{}',
    p_max_depth integer DEFAULT 64,
    p_max_nodes integer DEFAULT 100000
)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    v_idx integer := 0;          -- element index of v_val
    v_val jsonb;                 -- a container to open, or the value just read
    v_nodes integer := 1;        -- values produced so far, the target included
    v_depth integer := 0;        -- open containers
    v_on_path boolean[] := '{}'; -- [element index + 1]: that element is an open container
    -- one frame per open container, by depth
    f_elem integer[] := '{}';
    f_obj boolean[] := '{}';
    f_items jsonb[] := '{}';     -- the array element itself, or the object's keyvalue() pairs
    f_len integer[] := '{}';
    f_pos integer[] := '{}';
    -- the output JSON text in pieces, in document order, joined once at the end
    v_out text[] := '{}';
    v_n integer := 0;
BEGIN
    IF p_max_depth < 0 OR p_max_nodes < 1 THEN
        RAISE EXCEPTION 'flatted: p_max_depth must be >= 0 and p_max_nodes >= 1'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The target and its element index, by the walk etl_flatted_node takes.
    SELECT l.element, l.node INTO v_idx, v_val FROM etl_flatted_locate(p_doc, p_path) AS l;
    IF v_val IS NULL THEN
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v_val) NOT IN ('object', 'array') THEN
        RETURN v_val;
    END IF;

    LOOP
        IF v_val IS NOT NULL THEN
            -- open container element v_idx
            IF v_on_path[v_idx + 1] THEN
                RAISE EXCEPTION 'flatted: circular reference at element %', v_idx
                    USING ERRCODE = 'SAI01';
            END IF;
            v_depth := v_depth + 1;
            IF v_depth > p_max_depth THEN
                RAISE EXCEPTION 'flatted: nesting deeper than %', p_max_depth
                    USING ERRCODE = 'program_limit_exceeded';
            END IF;
            v_on_path[v_idx + 1] := true;
            f_elem[v_depth] := v_idx;
            f_obj[v_depth] := jsonb_typeof(v_val) = 'object';
            f_items[v_depth] := CASE
                WHEN f_obj[v_depth] THEN jsonb_path_query_array(v_val, '$.keyvalue()')
                ELSE v_val
            END;
            f_len[v_depth] := jsonb_array_length(f_items[v_depth]);
            f_pos[v_depth] := 0;
            v_n := v_n + 1;
            v_out[v_n] := CASE WHEN f_obj[v_depth] THEN '{' ELSE '[' END;
            v_val := NULL;
        END IF;

        IF f_pos[v_depth] = f_len[v_depth] THEN
            -- close the innermost container
            v_n := v_n + 1;
            v_out[v_n] := CASE WHEN f_obj[v_depth] THEN '}' ELSE ']' END;
            v_on_path[f_elem[v_depth] + 1] := NULL;
            v_depth := v_depth - 1;
            EXIT WHEN v_depth = 0;
            CONTINUE;
        END IF;

        v_nodes := v_nodes + 1;
        IF v_nodes > p_max_nodes THEN
            RAISE EXCEPTION 'flatted: more than % nodes', p_max_nodes
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        v_val := f_items[v_depth] -> f_pos[v_depth];
        v_n := v_n + 1;
        v_out[v_n] := CASE WHEN f_pos[v_depth] > 0 THEN ',' ELSE '' END;
        IF f_obj[v_depth] THEN
            v_out[v_n] := v_out[v_n] || to_json(v_val ->> 'key')::text || ':';
            v_val := v_val -> 'value';
        END IF;
        f_pos[v_depth] := f_pos[v_depth] + 1;

        CASE jsonb_typeof(v_val)
            WHEN 'string' THEN
                v_idx := etl_flatted_ref(p_doc, v_val);
                v_val := p_doc -> v_idx;
            WHEN 'object', 'array' THEN
                RAISE EXCEPTION 'flatted: element % holds an inline %', f_elem[v_depth], jsonb_typeof(v_val)
                    USING ERRCODE = 'SAI01';
            ELSE
                NULL;  -- number, boolean or null: stored inline
        END CASE;
        IF jsonb_typeof(v_val) NOT IN ('object', 'array') THEN
            v_n := v_n + 1;
            v_out[v_n] := v_val::text;
            v_val := NULL;
        END IF;
    END LOOP;

    BEGIN
        RETURN array_to_string(v_out, '')::jsonb;
    EXCEPTION
        WHEN statement_too_complex THEN
            RAISE EXCEPTION 'flatted: nesting too deep' USING ERRCODE = 'statement_too_complex';
    END;
END;
$$;

COMMENT ON FUNCTION etl_flatted_decode(jsonb, text[], integer, integer) IS
'Decodes the subtree of a parsed flatted document (etl_flatted_parse) at p_path (as in '
'etl_flatted_node; {} is the root) into plain JSON; a shared element is expanded wherever it is '
'referenced. NULL when the path does not exist. Errors: SAI01 (malformed flatted data) for '
'"circular reference at element N", a reference out of range or not an element index, or an '
'inline container; 54000 "nesting deeper than N" (containers, the target counting as 1) and '
'"more than N nodes" (every value produced, the target included); 54001 when the result is '
'deeper than the jsonb parser can hold.';

REVOKE ALL ON FUNCTION etl_flatted_decode(jsonb, text[], integer, integer) FROM PUBLIC;
