-- A runner's heartbeat creates its row once and then moves last_seen_at and status.
BEGIN;
SELECT plan(4);

TRUNCATE etl_runner_heartbeats;

SELECT throws_ok(
    $$SELECT etl_heartbeat('')$$,
    '22023', 'etl_heartbeat: worker name must not be empty',
    'a runner must name itself'
);

SELECT etl_heartbeat('host-a:101', 'starting');
SELECT results_eq(
    $$SELECT worker, started_at, last_seen_at, status FROM etl_runner_heartbeats$$,
    $$VALUES ('host-a:101', now(), now(), 'starting')$$,
    'the first heartbeat records the runner'
);

UPDATE etl_runner_heartbeats SET started_at = now() - interval '1 hour', last_seen_at = now() - interval '1 minute';
SELECT etl_heartbeat('host-a:101', NULL);
SELECT results_eq(
    $$SELECT worker, started_at, last_seen_at, status FROM etl_runner_heartbeats$$,
    $$VALUES ('host-a:101', now() - interval '1 hour', now(), NULL::text)$$,
    'a later heartbeat moves last_seen_at and replaces the status, keeping started_at'
);

SELECT etl_heartbeat('host-b:202');
SELECT is((SELECT count(*) FROM etl_runner_heartbeats), 2::bigint, 'each runner has its own row');

SELECT * FROM finish();
ROLLBACK;
