-- An empty array has no root element: malformed flatted data (SAI01).
BEGIN;
SELECT plan(1);

SELECT throws_ok(
    $$SELECT etl_flatted_parse('[]')$$,
    'SAI01', 'flatted: empty array, no root element', 'an empty array is rejected'
);

SELECT * FROM finish();
ROLLBACK;
