-- A runner paused by a systemic fault (etl_runner_pause) fires the critical stage2_paused alert
-- with its reason; resuming, or the runner going silent, ends it.
BEGIN;
SELECT plan(4);

DELETE FROM etl_runner_heartbeats;
SELECT etl_heartbeat('host:1', 'idle');
SELECT is_empty($$SELECT FROM etl_alerts WHERE alert = 'stage2_paused'$$, 'a claiming runner: silent');

SELECT etl_runner_pause('host:1', 'permission denied for table execution_data (SQLSTATE 42501)');
SELECT results_eq(
    $$SELECT severity, message FROM etl_alerts WHERE alert = 'stage2_paused'$$,
    $$VALUES ('critical'::text,
        'runner host:1 stopped claiming 0 s ago: permission denied for table execution_data (SQLSTATE 42501)'::text)$$,
    'paused: fires, naming the runner and the fault'
);

SELECT etl_runner_pause('host:1', NULL);
SELECT is_empty($$SELECT FROM etl_alerts WHERE alert = 'stage2_paused'$$, 'resumed: silent');

SELECT etl_runner_pause('host:1', 'n8n storage folder unreadable');
UPDATE etl_runner_heartbeats SET last_seen_at = now() - interval '1 hour';
SELECT is_empty(
    $$SELECT FROM etl_alerts WHERE alert = 'stage2_paused'$$, 'a paused runner gone silent: runner_silent speaks'
);

SELECT * FROM finish();
ROLLBACK;
