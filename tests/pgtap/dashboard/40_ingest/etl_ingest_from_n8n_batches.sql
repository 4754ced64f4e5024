-- The set-based ingest walks n8n in id order, batch by batch, at the caller's priority.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;

SELECT results_eq(
    $$SELECT scanned, ingested, last_id FROM etl_ingest_from_n8n('-infinity', 0, 5, 'backfill', 10)$$,
    $$VALUES (5, 5, 5::bigint)$$,
    'first batch: ids 1-5'
);
SELECT results_eq(
    $$SELECT scanned, ingested, last_id FROM etl_ingest_from_n8n('-infinity', 5, 100, 'backfill', 10)$$,
    $$VALUES (12, 12, 18::bigint)$$,
    'second batch: the rest, skipping the unwatched 12'
);
SELECT results_eq(
    $$SELECT DISTINCT q.priority::integer, e.ingest_source FROM executions e JOIN etl_processing_queue q ON q.execution_id = e.id WHERE e.id <= 18$$,
    $$VALUES (10, 'backfill')$$,
    'backfilled items wait behind new work'
);

SELECT * FROM finish();
ROLLBACK;
