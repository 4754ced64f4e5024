-- The cheap walker: follows a path through a parsed flatted document without decoding anything
-- below it (the walk itself is etl_flatted_locate's).
CREATE OR REPLACE FUNCTION etl_flatted_node(p_doc jsonb, p_path text[])
RETURNS jsonb
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT l.node FROM etl_flatted_locate(p_doc, p_path) AS l
$$;

COMMENT ON FUNCTION etl_flatted_node(jsonb, text[]) IS
'Walks a parsed flatted document (etl_flatted_parse) from the root along p_path (object keys; '
'array indices as text) and returns what is there undecoded: a raw element (its strings still '
'references) or a leaf value (a string element as a jsonb string; numbers, booleans, null as '
'stored). NULL when the path does not exist. SAI01 for a bad reference or an inline container. '
'Cost is per step, independent of document size, for an in-memory (not toasted) p_doc.';

REVOKE ALL ON FUNCTION etl_flatted_node(jsonb, text[]) FROM PUBLIC;
