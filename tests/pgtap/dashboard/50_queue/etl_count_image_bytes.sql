-- The image-bytes counter adds the sizes of the valid originals an insert stored, once per
-- statement, whatever the number of rows: invalid images and later inserts' rows are not counted twice.
BEGIN;
SELECT plan(3);

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', '2026-01-10 08:00Z', '2026-01-10 08:00:05Z', 5000, 'success', 'webhook', true, 'trigger'
FROM generate_series(900001, 900004) AS i;

CREATE TEMP TABLE counted_before ON COMMIT DROP AS
SELECT value FROM etl_counters WHERE name = 'image_bytes_written';

INSERT INTO execution_images (execution_id, source, valid, invalid_reason, format, width, height,
                              size_bytes, original_path, thumbnail_path)
VALUES
(900001, 'binary', true, NULL, 'JPEG', 10, 10, 1000, 'originals/a.jpg', 'thumbnails/a.webp'),
(900002, 'binary', true, NULL, 'JPEG', 10, 10, 2500, 'originals/b.jpg', 'thumbnails/b.webp'),
(900003, 'binary', false, 'not an image', NULL, NULL, NULL, 777, NULL, NULL);

SELECT is(
    (SELECT value FROM etl_counters WHERE name = 'image_bytes_written')
    - (SELECT value FROM counted_before),
    3500::bigint,
    'one statement of three images adds the two valid originals'' bytes'
);

INSERT INTO execution_images (execution_id, source, valid, invalid_reason, format, width, height,
                              size_bytes, original_path, thumbnail_path)
VALUES (900004, 'binary', true, NULL, 'PNG', 10, 10, 500, 'originals/c.png', 'thumbnails/c.webp');

SELECT is(
    (SELECT value FROM etl_counters WHERE name = 'image_bytes_written')
    - (SELECT value FROM counted_before),
    4000::bigint,
    'a later insert adds only its own image'
);

SELECT is(
    (SELECT tgtype & 1 FROM pg_trigger WHERE tgname = 'etl_count_image_bytes')::integer,
    0,
    'the trigger is a statement trigger (one counter update per insert statement)'
);

SELECT * FROM finish();
ROLLBACK;
