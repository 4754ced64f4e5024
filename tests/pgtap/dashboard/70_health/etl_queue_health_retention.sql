-- Health shows retention: what waits to be pruned and what the last prune did.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(2);

TRUNCATE executions, etl_maintenance CASCADE;
UPDATE etl_settings SET value = '7 days' WHERE key = 'queue_retention';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', now() - interval '9 days', now() - interval '9 days', 0, 'success', 'webhook', true, 'trigger'
FROM generate_series(1, 3) AS i;
INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at) VALUES
(1, 'completed', 1, now() - interval '8 days'),
(2, 'completed', 1, now() - interval '8 days'),
(3, 'completed', 1, now() - interval '1 day');

SELECT results_eq(
    $$SELECT queue_retention, prunable_count, last_prune_at, last_pruned, pruned_total FROM etl_queue_health$$,
    $$VALUES (interval '7 days', 2::bigint, NULL::timestamptz, NULL::bigint, NULL::bigint)$$,
    'before any prune: two items past retention'
);
SELECT etl_prune_queue();
SELECT results_eq(
    $$SELECT prunable_count, last_pruned, pruned_total, last_prune_at <= clock_timestamp() FROM etl_queue_health$$,
    $$VALUES (0::bigint, 2::bigint, 2::bigint, true)$$,
    'after it: nothing waits, and the prune is shown'
);

SELECT * FROM finish();
ROLLBACK;
