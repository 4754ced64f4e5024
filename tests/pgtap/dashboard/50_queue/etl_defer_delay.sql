-- A deferred execution is re-checked within milliseconds first (n8n commits just after the
-- dashboard hears of it), then ever less often, never more than a minute apart.
BEGIN;
SELECT plan(3);

UPDATE etl_settings SET value = '0.5' WHERE key = 'defer_seconds';
SELECT results_eq(
    $$SELECT extract(EPOCH FROM etl_defer_delay(n))::numeric FROM generate_series(0, 6) AS n$$,
    $$VALUES (0.015625), (0.03125), (0.0625), (0.125), (0.25), (0.5), (1.0)$$,
    'defer_seconds / 32 first, doubling'
);
SELECT is(etl_defer_delay(12), interval '60 seconds', 'capped at a minute');
SELECT is(etl_defer_delay(2147483647), interval '60 seconds', 'however often it was deferred');

SELECT * FROM finish();
ROLLBACK;
