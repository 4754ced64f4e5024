-- Retention picks originals by age or beyond the disk budget (kept originals counted newest
-- first), derived images by their own age, and nothing while the settings say forever / none.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(5);

TRUNCATE executions CASCADE;
INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
)
SELECT i, 'wf', now(), now(), 0, 'success', 'webhook', true, 'trigger'
FROM generate_series(1, 4) AS i;
-- Execution i is i * 10 days old and 100 * i bytes; 4 has no valid image.
INSERT INTO execution_images (
    execution_id, source, valid, invalid_reason, size_bytes, sha256, original_path, thumbnail_path, extracted_at
)
SELECT i, 'binary', i < 4, CASE WHEN i = 4 THEN 'not an image' END, 100 * i, md5(i::text),
       CASE WHEN i < 4 THEN format('originals/x/%s.jpg', i) END,
       CASE WHEN i < 4 THEN format('thumbnails/x/%s.webp', i) END,
       now() - make_interval(days => 10 * i)
FROM generate_series(1, 4) AS i;

SELECT is_empty(
    $$SELECT * FROM etl_image_prune_candidates('original')
      UNION ALL SELECT * FROM etl_image_prune_candidates('derived')$$,
    'the defaults (forever, none) prune nothing'
);

UPDATE etl_settings SET value = '15 days' WHERE key = 'image_retention_originals';
UPDATE etl_settings SET value = '25 days' WHERE key = 'image_retention_derived';
SELECT results_eq(
    $$SELECT execution_id, paths, size_bytes, reason FROM etl_image_prune_candidates('original')$$,
    $$VALUES (3::bigint, ARRAY['originals/x/3.jpg'], 300::bigint, 'age'),
             (2::bigint, ARRAY['originals/x/2.jpg'], 200::bigint, 'age')$$,
    'originals older than image_retention_originals, oldest first'
);
SELECT results_eq(
    $$SELECT execution_id, paths FROM etl_image_prune_candidates('derived')$$,
    $$VALUES (3::bigint, ARRAY['thumbnails/x/3.webp'])$$,
    'derived images by their own age'
);

UPDATE etl_settings SET value = 'forever' WHERE key = 'image_retention_originals';
UPDATE etl_settings SET value = '300' WHERE key = 'image_disk_budget';
SELECT results_eq(
    $$SELECT execution_id, reason FROM etl_image_prune_candidates('original')$$,
    $$VALUES (3::bigint, 'budget')$$,
    'beyond the budget: the newest 100 + 200 bytes stay, the oldest goes'
);

SELECT throws_ok(
    $$SELECT * FROM etl_image_prune_candidates('thumbnail')$$,
    '22023',
    'etl_image_prune_candidates: kind must be original or derived, not thumbnail',
    'an unknown kind is refused'
);

SELECT * FROM finish();
ROLLBACK;
