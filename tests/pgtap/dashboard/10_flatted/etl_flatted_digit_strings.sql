-- A string element reached through a reference is a value, never resolved again, even when it
-- looks like an element index.
BEGIN;
SELECT plan(4);

CREATE TEMP TABLE doc ON COMMIT DROP AS
SELECT etl_flatted_parse('[{"camera_id":"1","seq":"2","tags":"3"},"12345","0",["2","1"]]') AS d;

SELECT is(etl_flatted_node(d, '{camera_id}'), '"12345"'::jsonb, 'the walker keeps "12345" a string') FROM doc;
SELECT is(etl_flatted_node(d, '{seq}'), '"0"'::jsonb, 'the walker keeps "0" a string, not the root') FROM doc;
SELECT is(etl_flatted_node(d, '{tags,0}'), '"0"'::jsonb, 'so does an array member') FROM doc;
SELECT is(
    etl_flatted_decode(d),
    '{"camera_id": "12345", "seq": "0", "tags": ["0", "12345"]}'::jsonb,
    'the decoder keeps digit-only strings as strings'
) FROM doc;

SELECT * FROM finish();
ROLLBACK;
