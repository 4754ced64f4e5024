-- Text that is not JSON fails with 22P02 and a message that says so.
BEGIN;
SELECT plan(3);

SELECT throws_ok(
    $$SELECT etl_flatted_parse('not json')$$,
    '22P02', 'flatted: not JSON', 'a bare word is not JSON'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a":"1"},')$$,
    '22P02', 'flatted: not JSON', 'truncated text is not JSON'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('')$$,
    '22P02', 'flatted: not JSON', 'empty text is not JSON'
);

SELECT * FROM finish();
ROLLBACK;
