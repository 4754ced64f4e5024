-- The queue in one row: the seed's counts and times, the waiting states, expired leases, and the
-- health_window's completions, failures and processing time percentiles.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(3);

TRUNCATE executions CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', now() - interval '3 hours', now() - interval '3 hours', 0, 'success', 'webhook', true, 'trigger'
FROM generate_series(1, 11) AS i;

INSERT INTO etl_processing_queue (
    execution_id, status, attempts, max_attempts, deferrals, next_attempt_at, locked_until, claim_token,
    last_error, created_at, completed_at, processing_time_ms
) VALUES
-- pending: ready, deferred (n8n not finished), retrying (backoff)
(1, 'pending', 0, 5, 0, now() - interval '1 second', NULL, NULL, NULL, now() - interval '30 minutes', NULL, NULL),
(2, 'pending', 0, 5, 2, now() + interval '10 seconds', NULL, NULL, NULL, now() - interval '5 minutes', NULL, NULL),
(3, 'pending', 2, 5, 0, now() + interval '60 seconds', NULL, NULL, 'boom', now() - interval '20 minutes', NULL, NULL),
-- processing: a live lease and an expired one
(4, 'processing', 1, 5, 0, now(), now() + interval '30 seconds', gen_random_uuid(), NULL, now(), NULL, NULL),
(5, 'processing', 1, 5, 0, now(), now() - interval '1 second', gen_random_uuid(), NULL, now(), NULL, NULL),
-- completed: two within the window, one before it
(6, 'completed', 1, 5, 0, now(), NULL, NULL, NULL, now(), now() - interval '10 minutes', 1000),
(7, 'completed', 1, 5, 0, now(), NULL, NULL, NULL, now(), now() - interval '20 minutes', 3000),
(8, 'completed', 1, 5, 0, now(), NULL, NULL, NULL, now(), now() - interval '2 hours', 9000),
-- failed: every attempt spent (within the window), and not retried (before it); skipped
(9, 'failed', 5, 5, 0, now(), NULL, NULL, 'boom', now(), now() - interval '5 minutes', NULL),
(10, 'failed', 1, 5, 0, now(), NULL, NULL, 'bad', now(), now() - interval '3 hours', NULL),
(11, 'skipped', 1, 5, 0, now(), NULL, NULL, 'source gone: pruned', now(), now(), NULL);

SELECT results_eq(
    $$SELECT pending_count, processing_count, completed_count, failed_count, avg_processing_time_ms,
             max_processing_time_ms, oldest_pending, permanently_failed
      FROM etl_queue_health$$,
    $$VALUES (3::bigint, 2::bigint, 3::bigint, 2::bigint, 4333.3, 9000, now() - interval '30 minutes', 1::bigint)$$,
    'the seed''s columns'
);
SELECT results_eq(
    $$SELECT skipped_count, ready_count, deferred_count, retrying_count, expired_leases FROM etl_queue_health$$,
    $$VALUES (1::bigint, 1::bigint, 1::bigint, 1::bigint, 1::bigint)$$,
    'skipped, and why pending items wait, and leases whose runner died'
);
SELECT results_eq(
    $$SELECT health_window, completed_in_window, failed_in_window, processing_avg_in_window_ms,
             processing_p50_in_window_ms, processing_p99_in_window_ms
      FROM etl_queue_health$$,
    $$VALUES (interval '1 hour', 2::bigint, 1::bigint, 2000.0, 2000.0, 2980.0)$$,
    'the window''s completions, failures and processing time'
);

SELECT * FROM finish();
ROLLBACK;
