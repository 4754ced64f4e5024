-- A JSON top level other than an array is malformed flatted data (SAI01).
BEGIN;
SELECT plan(3);

SELECT throws_ok(
    $$SELECT etl_flatted_parse('{"version":1}')$$,
    'SAI01', 'flatted: top level is object, not an array', 'an object is rejected'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('"0"')$$,
    'SAI01', 'flatted: top level is string, not an array', 'a string is rejected'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('null')$$,
    'SAI01', 'flatted: top level is null, not an array', 'JSON null is rejected'
);

SELECT * FROM finish();
ROLLBACK;
