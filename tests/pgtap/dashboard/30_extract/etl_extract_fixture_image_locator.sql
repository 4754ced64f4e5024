-- The image locator of every fixture execution: inline binary (1-7, 13, 14, 17, 18), base64 in
-- the JSON body (8), a data: URL (9), random bytes in the body (10: the runner rejects them),
-- nothing (11), filesystem-v2 files as paths relative to binaryData (15, 16).
BEGIN;
SELECT plan(2);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 18;
CREATE TEMP TABLE payload ON COMMIT DROP AS
SELECT id, decode(regexp_replace(image_base64, '^data:[^,]*,', ''), 'base64') AS bytes FROM extracted;

SELECT results_eq(
    $$SELECT x.id, x.outcome, x.reason, x.image_source, octet_length(p.bytes), encode(substr(p.bytes, 1, 3), 'hex'),
             x.image_mime_type, x.image_file_name, x.image_bytes IS NULL
      FROM extracted AS x JOIN payload AS p USING (id) ORDER BY x.id$$,
    $$VALUES
        (1::bigint, 'ready'::text, NULL::text, 'binary'::text, 729199, 'ffd8ff'::text, 'image/jpeg'::text, 'cam.jpg'::text, true),
        (2, 'ready', NULL, 'binary', 244085, 'ffd8ff', 'image/jpeg', 'cam0_1920x1080.jpg', true),
        (3, 'ready', NULL, 'binary', 298219, 'ffd8ff', 'image/jpeg', 'cam1_1920x1080.jpg', true),
        (4, 'ready', NULL, 'binary', 110125, 'ffd8ff', 'image/jpeg', 'cam2_1280x720.jpg', true),
        (5, 'ready', NULL, 'binary', 133576, 'ffd8ff', 'image/jpeg', 'cam3_1280x720.jpg', true),
        (6, 'ready', NULL, 'binary', 244085, 'ffd8ff', 'image/jpeg', 'cam0_1920x1080.jpg', true),
        (7, 'ready', NULL, 'binary', 597372, '89504e', 'image/png', 'cam4_640x480.png', true),
        (8, 'ready', NULL, 'body', 110125, 'ffd8ff', NULL, NULL, true),
        (9, 'ready', NULL, 'body', 133576, 'ffd8ff', 'image/jpeg', NULL, true),
        (10, 'ready', NULL, 'body', 3000, 'ee15b9', NULL, NULL, true),
        (11, 'ready', NULL, NULL, NULL, NULL, NULL, NULL, true),
        (13, 'ready', NULL, 'binary', 110125, 'ffd8ff', 'image/jpeg', 'cam2_1280x720.jpg', true),
        (14, 'ready', NULL, 'binary', 133576, 'ffd8ff', 'image/jpeg', 'cam3_1280x720.jpg', true),
        (15, 'ready', NULL, 'filesystem', NULL, NULL, 'image/jpeg', 'cam0_1920x1080.jpg', true),
        (16, 'ready', NULL, 'filesystem', NULL, NULL, 'image/jpeg', 'cam1_1920x1080.jpg', true),
        (17, 'ready', NULL, 'binary', 244085, 'ffd8ff', 'image/jpeg', 'cam0_1920x1080.jpg', true),
        (18, 'ready', NULL, 'binary', 298219, 'ffd8ff', 'image/jpeg', 'cam1_1920x1080.jpg', true)$$,
    'source, decoded size and magic, claimed type and name of each execution''s frame'
);

SELECT results_eq(
    $$SELECT id, image_path, image_base64 IS NULL FROM extracted WHERE image_path IS NOT NULL ORDER BY id$$,
    $$VALUES
        (15::bigint, 'workflows/yDbfhooKemfhMIkC/executions/temp/binary_data/e57072c2-ae73-4afe-835a-49ff06ad3e2f'::text, true),
        (16, 'workflows/yDbfhooKemfhMIkC/executions/temp/binary_data/1aa6c20a-54c8-4a86-810f-64b48eda43ab', true)$$,
    'filesystem-v2 ids become paths relative to n8n''s binaryData folder, and only they have one'
);

SELECT * FROM finish();
ROLLBACK;
