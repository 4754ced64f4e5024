-- JSON nested deeper than the jsonb parser's stack allows fails with 54001, not a bare
-- "stack depth limit exceeded".
BEGIN;
SELECT plan(1);

SELECT throws_ok(
    $$SELECT etl_flatted_parse(repeat('[', 1000000) || repeat(']', 1000000))$$,
    '54001', 'flatted: nesting too deep', 'a million nested arrays are too deep'
);

SELECT * FROM finish();
ROLLBACK;
