-- A number beyond numeric's range is valid JSON that jsonb cannot hold: a flatted error like
-- \u0000 in an object key, not a bare "value overflows numeric format".
BEGIN;
SELECT plan(2);

SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a":"1"},1e131072]')$$,
    '22003', 'flatted: JSON that jsonb cannot hold (value overflows numeric format)',
    'an exponent too large'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{"a":"1"},-5e-999999]')$$,
    '22003', 'flatted: JSON that jsonb cannot hold (value overflows numeric format)',
    'an exponent too small'
);

SELECT * FROM finish();
ROLLBACK;
