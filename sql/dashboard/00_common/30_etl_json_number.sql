-- etl_json_number: a JSON number as numeric, and nothing else.

CREATE OR REPLACE FUNCTION public.etl_json_number(p_value jsonb)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE WHEN jsonb_typeof(p_value) = 'number' THEN (p_value #>> '{}')::numeric END
$$;

COMMENT ON FUNCTION public.etl_json_number(jsonb) IS
'p_value as numeric when it is a JSON number; NULL for anything else (a string of digits included: '
'a number the answer did not write as one is not read as one).';

REVOKE ALL ON FUNCTION public.etl_json_number(jsonb) FROM PUBLIC;
