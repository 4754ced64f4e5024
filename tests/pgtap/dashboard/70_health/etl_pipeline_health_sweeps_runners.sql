-- The last sweep and what the window's sweeps recovered; runners seen lately; the quality rollup's
-- last refresh.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(3);

TRUNCATE executions, etl_sweep_runs, etl_runner_heartbeats, etl_maintenance, etl_data_quality_days CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';
UPDATE etl_settings SET value = '1 minute' WHERE key = 'alert_runner_silent';

INSERT INTO etl_sweep_runs (started_at, finished_at, outbox_drained, reconciled) VALUES
(now() - interval '2 hours', now() - interval '2 hours', 50, 5),
(now() - interval '20 seconds', now() - interval '19 seconds', 3, 1),
(now() - interval '10 seconds', now() - interval '9 seconds', 2, 0);
INSERT INTO etl_runner_heartbeats (worker, started_at, last_seen_at) VALUES
('a:1', now() - interval '1 day', now() - interval '5 seconds'),
('b:2', now() - interval '1 day', now() - interval '5 minutes');
SELECT etl_refresh_data_quality();

SELECT results_eq(
    $$SELECT last_sweep_at, last_sweep_outbox_drained, last_sweep_reconciled, sweeps_in_window,
             sweep_recovered_in_window
      FROM etl_pipeline_health$$,
    $$VALUES (now() - interval '9 seconds', 2, 0, 2::bigint, 6::bigint)$$,
    'the last sweep, and the window''s sweeps'
);
SELECT results_eq(
    $$SELECT runners_alive, last_heartbeat_at FROM etl_pipeline_health$$,
    $$VALUES (1::bigint, now() - interval '5 seconds')$$,
    'runners heard from within alert_runner_silent'
);
SELECT results_eq(
    $$SELECT data_quality_refreshed_at FROM etl_pipeline_health$$,
    $$SELECT last_finished_at FROM etl_maintenance WHERE job = 'data_quality'$$,
    'when the quality rollup was refreshed'
);

SELECT * FROM finish();
ROLLBACK;
