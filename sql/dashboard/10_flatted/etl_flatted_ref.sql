-- One flatted reference checked and turned into an element index: shared by the walker and the
-- decoder so both accept exactly the same references.
CREATE OR REPLACE FUNCTION etl_flatted_ref(p_doc jsonb, p_ref jsonb)
RETURNS integer
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    v_ref text := p_ref #>> '{}';
BEGIN
    -- Canonical decimal only, as flatted writes it: JavaScript's input["01"] finds no element.
    IF v_ref !~ '^(0|[1-9][0-9]*)$' THEN
        RAISE EXCEPTION 'flatted: reference "%" is not an element index', left(v_ref, 64)
            USING ERRCODE = 'SAI01';
    END IF;
    IF length(v_ref) > 9 OR v_ref::integer >= jsonb_array_length(p_doc) THEN
        RAISE EXCEPTION 'flatted: reference "%" out of range', left(v_ref, 64)
            USING ERRCODE = 'SAI01';
    END IF;
    RETURN v_ref::integer;
END;
$$;

COMMENT ON FUNCTION etl_flatted_ref(jsonb, jsonb) IS
'Internal to etl_flatted_node/etl_flatted_decode: the element index a flatted reference (a jsonb '
'string inside an object or array element) points at. SAI01 when it is not a canonical decimal '
'index or is past the end of the document; the message quotes at most 64 characters of it.';

REVOKE ALL ON FUNCTION etl_flatted_ref(jsonb, jsonb) FROM PUBLIC;
