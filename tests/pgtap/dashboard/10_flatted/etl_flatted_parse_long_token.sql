-- The JSON parser quotes the whole offending token in its detail; the flatted error keeps the
-- first 200 characters, so a megabyte of garbage makes a short error, not a megabyte of it.
BEGIN;
SELECT plan(2);

CREATE FUNCTION pg_temp.parse_detail(p_data text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_detail text;
BEGIN
    PERFORM etl_flatted_parse(p_data);
    RETURN NULL;
EXCEPTION WHEN invalid_text_representation THEN
    GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
    RETURN v_detail;
END
$$;

SELECT is(
    pg_temp.parse_detail('[' || repeat('x', 1000000) || ']'),
    'Token "' || repeat('x', 193) || '...',
    'a one-megabyte token: 200 characters of detail and an ellipsis'
);
SELECT is(
    pg_temp.parse_detail('[1,'),
    'The input string ended unexpectedly.',
    'a short detail is kept whole'
);

SELECT * FROM finish();
ROLLBACK;
