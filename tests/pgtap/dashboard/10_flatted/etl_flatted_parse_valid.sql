-- etl_flatted_parse returns a non-empty top-level array as jsonb, unchanged.
BEGIN;
SELECT plan(3);

SELECT is(
    etl_flatted_parse('[{"a":"1","n":12},"12345"]'),
    '[{"a": "1", "n": 12}, "12345"]'::jsonb,
    'a flatted array parses to the same jsonb'
);
SELECT is(etl_flatted_parse('["x"]'), '["x"]'::jsonb, 'a one-element document is valid');
SELECT is(etl_flatted_parse(NULL), NULL, 'NULL text gives NULL');

SELECT * FROM finish();
ROLLBACK;
