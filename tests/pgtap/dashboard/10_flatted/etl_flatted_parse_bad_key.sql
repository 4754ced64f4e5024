-- A bad escape in an object key cannot become null (a key is text): the document keeps the
-- error it had before, and so does one whose bad escape sits next to a syntax error.
BEGIN;
SELECT plan(3);

SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a\u0000":"1"},"x"]')$$,
    '22P05', 'flatted: JSON that jsonb cannot hold (unsupported Unicode escape sequence)',
    'a NUL escape in a key'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a\ud800" :"1"},"x"]')$$,
    '22P02', 'flatted: not JSON',
    'a lone surrogate in a key'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a":"1"},"x\u0000", nope]')$$,
    '22P02', 'flatted: not JSON',
    'a NUL escape and then text that is not JSON'
);

SELECT * FROM finish();
ROLLBACK;
