-- Missing n8n timestamps fall back openly: timing_complete says so.
BEGIN;
SELECT plan(3);

SELECT results_eq(
    $$SELECT * FROM etl_execution_timing('2026-01-01 00:00:00+00', '2026-01-01 00:00:01+00', '2026-01-01 00:00:02.25+00')$$,
    $$VALUES ('2026-01-01 00:00:01+00'::timestamptz, '2026-01-01 00:00:02.25+00'::timestamptz, 1250::bigint, true)$$,
    'both recorded'
);
SELECT results_eq(
    $$SELECT * FROM etl_execution_timing('2026-01-01 00:00:00+00', NULL, '2026-01-01 00:00:05+00')$$,
    $$VALUES ('2026-01-01 00:00:00+00'::timestamptz, '2026-01-01 00:00:05+00'::timestamptz, 5000::bigint, false)$$,
    'never started (canceled while queued): createdAt'
);
SELECT results_eq(
    $$SELECT * FROM etl_execution_timing('2026-01-01 00:00:00+00', '2026-01-01 00:00:03+00', NULL)$$,
    $$VALUES ('2026-01-01 00:00:03+00'::timestamptz, '2026-01-01 00:00:03+00'::timestamptz, 0::bigint, false)$$,
    'crashed without stoppedAt: startedAt'
);

SELECT * FROM finish();
ROLLBACK;
