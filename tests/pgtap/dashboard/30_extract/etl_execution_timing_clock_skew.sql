-- duration_ms is never negative: a stop n8n recorded before the start (clock skew between its
-- hosts) gives no duration (NULL) and incomplete timing, and the ingest keeps the execution.
BEGIN;
SELECT plan(3);

SELECT results_eq(
    $$SELECT duration_ms, timing_complete FROM etl_execution_timing(
        '2026-12-01 10:00:00+00', '2026-12-01 10:00:05+00', '2026-12-01 10:00:02+00')$$,
    $$VALUES (NULL::bigint, false)$$,
    'stop 3 s before the start: no duration, timing incomplete'
);
SELECT results_eq(
    $$SELECT duration_ms, timing_complete FROM etl_execution_timing(
        '2026-12-01 10:00:00+00', '2026-12-01 10:00:05+00', '2026-12-01 10:00:05+00')$$,
    $$VALUES (0::bigint, true)$$,
    'stop at the start: 0 ms, complete'
);
SELECT etl_ingest_execution(900003, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL,
    '2026-12-01 10:00:00+00', '2026-12-01 10:00:05+00', '2026-12-01 10:00:02+00');
SELECT results_eq(
    $$SELECT status, duration_ms, timing_complete FROM executions WHERE id = 900003$$,
    $$VALUES ('success'::text, NULL::bigint, false)$$,
    'the execution is recorded, without a duration'
);

SELECT * FROM finish();
ROLLBACK;
