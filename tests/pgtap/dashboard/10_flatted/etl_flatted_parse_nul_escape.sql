-- Valid JSON that jsonb cannot store (a \u0000 escape) keeps 22P05, with a flatted message.
BEGIN;
SELECT plan(1);

SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a":"1"},"x\u0000y"]')$$,
    '22P05', 'flatted: JSON that jsonb cannot hold (unsupported Unicode escape sequence)',
    'a NUL escape is reported as unstorable'
);

SELECT * FROM finish();
ROLLBACK;
