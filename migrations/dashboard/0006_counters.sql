-- Totals that only grow (Prometheus counters): queue outcomes and image bytes written, kept apart
-- from the queue, which is pruned. Seeded from what the tables hold now.
-- depends: 0005_image_retention

CREATE TABLE etl_counters (
    name text PRIMARY KEY,
    value bigint NOT NULL,
    since timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT etl_counters_name_check
    CHECK (name IN ('completed', 'failed', 'skipped', 'retried', 'image_bytes_written'))
);

COMMENT ON TABLE etl_counters IS
'Totals that only grow, for rate(): queue items completed, failed and skipped, attempts started '
'after an item''s first (retried), and bytes of original images written. Kept by triggers on '
'etl_processing_queue and execution_images (etl_count_queue_outcomes, etl_count_image_bytes).';
COMMENT ON COLUMN etl_counters.value IS 'The total since `since`.';
COMMENT ON COLUMN etl_counters.since IS
'When counting began (the migration); the seed counted the rows present then, and the completed '
'items the queue retention had already pruned.';

INSERT INTO etl_counters (name, value)
SELECT
    'completed' AS name,
    (
        SELECT count(*) FROM etl_processing_queue
        WHERE status = 'completed'
    )
    + coalesce((
        SELECT m.total_count FROM etl_maintenance AS m
        WHERE m.job = 'prune_queue'
    ), 0) AS value
UNION ALL
SELECT
    'failed' AS name,
    count(*) AS value
FROM etl_processing_queue
WHERE status = 'failed'
UNION ALL
SELECT
    'skipped' AS name,
    count(*) AS value
FROM etl_processing_queue
WHERE status = 'skipped'
UNION ALL
SELECT
    'retried' AS name,
    coalesce(sum(greatest(attempts - 1, 0)), 0) AS value
FROM etl_processing_queue
UNION ALL
SELECT
    'image_bytes_written' AS name,
    coalesce(sum(size_bytes), 0) AS value
FROM execution_images
WHERE valid;
