-- The quality views read the rollup: per field overall (summed over days) and per day, with
-- percentages and whether days wait for a recount.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(4);

TRUNCATE executions, etl_maintenance, etl_data_quality_days CASCADE;

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, node_id, device_id, camera_id
)
SELECT i, 'wf', d, d, 0, 'success', 'webhook', true, 'trigger',
       CASE WHEN i <= 4 THEN 'N1' END, CASE WHEN i <= 4 THEN 'N1' END, 'cam'
FROM generate_series(1, 8) AS i
CROSS JOIN LATERAL (SELECT CASE WHEN i <= 3 THEN timestamptz '2026-01-10 12:00Z' ELSE '2026-01-11 12:00Z' END AS d) AS t;
INSERT INTO execution_analysis (execution_id, analysis_source, alert_level, confidence_score)
VALUES (1, 'ollama', 'low', 0.5), (2, 'ollama', 'high', NULL), (4, 'ollama', 'none', 0.9);

SELECT etl_refresh_data_quality(10);

SELECT results_eq(
    $$SELECT field, executions, present, percent, first_day, last_day, stale_days
      FROM etl_data_quality WHERE field IN ('analysis', 'confidence_score', 'node_id', 'camera_id', 'image')$$,
    $$VALUES
        ('analysis', 8::bigint, 3::bigint, 37.5, '2026-01-10'::date, '2026-01-11'::date, 0::bigint),
        ('confidence_score', 8, 2, 25.0, '2026-01-10', '2026-01-11', 0),
        ('node_id', 8, 4, 50.0, '2026-01-10', '2026-01-11', 0),
        ('camera_id', 8, 8, 100.0, '2026-01-10', '2026-01-11', 0),
        ('image', 8, 0, 0.0, '2026-01-10', '2026-01-11', 0)$$,
    'overall: every day summed, in field order'
);
SELECT is((SELECT count(*) FROM etl_data_quality), 15::bigint, 'every Stage 2 field has a row');

SELECT results_eq(
    $$SELECT day, field, executions, present, percent, stale
      FROM etl_data_quality_daily WHERE field IN ('analysis', 'node_id')$$,
    $$VALUES
        ('2026-01-11'::date, 'analysis', 5::bigint, 1::bigint, 20.0, false),
        ('2026-01-11', 'node_id', 5, 1, 20.0, false),
        ('2026-01-10', 'analysis', 3, 2, 66.7, false),
        ('2026-01-10', 'node_id', 3, 3, 100.0, false)$$,
    'per day, newest first'
);

UPDATE etl_data_quality_days SET stale = true WHERE day = '2026-01-10';
SELECT is((SELECT DISTINCT stale_days FROM etl_data_quality), 1::bigint, 'days waiting for a recount are reported');

SELECT * FROM finish();
ROLLBACK;
