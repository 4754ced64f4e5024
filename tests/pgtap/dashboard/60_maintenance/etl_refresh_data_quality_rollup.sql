-- The rollup: a first refresh computes every day; later ones recompute only days whose data
-- changed (Stage 1 ingest, Stage 2 activity), most recent first within the per-call limit, and
-- days not recomputed for quality_recheck.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(9);

TRUNCATE executions, etl_maintenance, etl_data_quality_days CASCADE;
UPDATE etl_settings SET value = '1 day' WHERE key = 'quality_recheck';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, created_at
) VALUES
(1, 'wf', '2026-01-10 08:00Z', '2026-01-10 08:00Z', 0, 'success', 'webhook', true, 'trigger', now() - interval '1 day'),
(2, 'wf', '2026-01-10 09:00Z', '2026-01-10 09:00Z', 0, 'success', 'webhook', true, 'trigger', now() - interval '1 day'),
(3, 'wf', '2026-01-12 09:00Z', '2026-01-12 09:00Z', 0, 'success', 'webhook', true, 'trigger', now() - interval '1 day');
INSERT INTO etl_processing_queue (execution_id, status, attempts, started_at, completed_at)
SELECT id, 'completed', 1, now() - interval '1 day', now() - interval '1 day' FROM executions;
INSERT INTO execution_analysis (execution_id, analysis_source, alert_level) VALUES (1, 'ollama', 'low');

SELECT is(etl_refresh_data_quality(10), 3, 'the first refresh computes every day from the first to the last');
SELECT results_eq(
    $$SELECT day, executions, stale FROM etl_data_quality_days ORDER BY day$$,
    $$VALUES ('2026-01-10'::date, 2::bigint, false), ('2026-01-11', 0, false), ('2026-01-12', 1, false)$$,
    'with each day''s executions'
);
SELECT is(etl_refresh_data_quality(10), 0, 'nothing changed, nothing recomputed');

-- Stage 2 extracts execution 2 now (it claims the item, which sets started_at).
INSERT INTO execution_analysis (execution_id, analysis_source, alert_level) VALUES (2, 'ollama', 'high');
UPDATE etl_processing_queue SET started_at = now(), completed_at = now() WHERE execution_id = 2;
SELECT is(etl_refresh_data_quality(10), 1, 'Stage 2 activity makes its day stale');
SELECT results_eq(
    $$SELECT present FROM etl_data_quality_counts WHERE day = '2026-01-10' AND field = 'risk_level'$$,
    $$VALUES (2::bigint)$$,
    'and the day is counted again'
);
-- Later runs overlap the previous one by quality_margin; move this change out of it.
UPDATE etl_processing_queue SET started_at = now() - interval '1 day', completed_at = now() - interval '1 day'
WHERE execution_id = 2;

-- Stage 1 records a new execution on a new day.
INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
) VALUES (4, 'wf', '2026-01-13 09:00Z', '2026-01-13 09:00Z', 0, 'success', 'webhook', true, 'trigger');
SELECT is(etl_refresh_data_quality(10), 1, 'a new day is computed');
UPDATE executions SET created_at = now() - interval '1 day' WHERE id = 4;

-- Two stale days and room for one: the most recent first.
UPDATE etl_data_quality_days SET stale = true WHERE day IN ('2026-01-10', '2026-01-12');
SELECT is(etl_refresh_data_quality(1), 1, 'the per-call limit holds');
SELECT results_eq(
    $$SELECT day FROM etl_data_quality_days WHERE stale ORDER BY day$$,
    $$VALUES ('2026-01-10'::date)$$,
    'the most recent stale day went first, the other waits'
);

-- Nothing stale, but a day not counted for longer than quality_recheck.
SELECT etl_refresh_data_quality(10);
UPDATE etl_data_quality_days SET refreshed_at = now() - interval '25 hours' WHERE day = '2026-01-11';
SELECT is(etl_refresh_data_quality(10), 1, 'a day past quality_recheck is recounted');

SELECT * FROM finish();
ROLLBACK;
