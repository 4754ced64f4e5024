-- The frame of every SAI execution of the real n8n 2.41.1 fixtures, as the SQL extraction hands it
-- to the runner: inline base64 (1, 2, 5, 14, 15), base64 in the JSON body (3, 8, and 13 from its
-- bundle), n8n's database binary mode (9-11: the bytes themselves), filesystem-v2 ids as paths
-- relative to n8n's storage folder (6, 7, and 12 from its bundle). Sizes and sha256 prefixes are
-- the README's.
BEGIN;
SELECT plan(2);

\set b12 `cat :fixtures/storage/workflows/yDbfhooKemfhMIkC/executions/12/execution_data/bundle.json`
\set b13 `cat :fixtures/storage/workflows/saiJsonCam000001/executions/13/execution_data/bundle.json`

DELETE FROM executions WHERE id <= 15;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE located ON COMMIT DROP AS
SELECT e.id, x.image_source, x.image_base64, x.image_path, x.image_bytes, x.image_mime_type, x.reason
FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x
WHERE e.id <= 15 AND x.outcome = 'ready'
UNION ALL
SELECT 12, image_source, image_base64, image_path, image_bytes, image_mime_type, reason FROM etl_extract_bundle(12, :'b12')
UNION ALL
SELECT 13, image_source, image_base64, image_path, image_bytes, image_mime_type, reason FROM etl_extract_bundle(13, :'b13');
CREATE TEMP TABLE payload ON COMMIT DROP AS
SELECT id, coalesce(image_bytes, decode(image_base64, 'base64')) AS bytes FROM located;

SELECT results_eq(
    $$SELECT l.id, l.image_source, l.image_mime_type, octet_length(p.bytes), left(encode(sha256(p.bytes), 'hex'), 16), l.reason
      FROM located AS l JOIN payload AS p USING (id) ORDER BY l.id$$,
    $$VALUES
        (1::bigint, 'binary'::text, 'image/jpeg'::text, 244085, '961c289c1979384e'::text, NULL::text),
        (2, 'binary', 'image/jpeg', 298219, 'ec68b95f44187b06', NULL),
        (3, 'body', NULL, 110125, '548c4c9908709472', NULL),
        (5, 'binary', 'image/jpeg', 133576, '7a73ea5f47e11a69', NULL),
        (6, 'filesystem', 'image/jpeg', NULL, NULL, NULL),
        (7, 'filesystem', 'image/jpeg', NULL, NULL, NULL),
        (8, 'body', NULL, 110125, '548c4c9908709472', NULL),
        (9, 'database', 'image/jpeg', 110125, '548c4c9908709472', NULL),
        (10, 'database', 'image/png', 597372, 'fa5c020b4212587e', NULL),
        (11, 'database', 'image/jpeg', 133576, '7a73ea5f47e11a69', NULL),
        (12, 'filesystem', 'image/jpeg', NULL, NULL, NULL),
        (13, 'body', NULL, 133576, '7a73ea5f47e11a69', NULL),
        (14, 'binary', 'image/jpeg', 298219, 'ec68b95f44187b06', NULL),
        (15, 'binary', 'image/jpeg', 110125, '548c4c9908709472', NULL)$$,
    'source, claimed type, size and sha256 prefix of each frame the SQL hands over'
);

SELECT results_eq(
    $$SELECT id, image_path FROM located WHERE image_source = 'filesystem' ORDER BY id$$,
    $$VALUES
        (6::bigint, 'workflows/yDbfhooKemfhMIkC/executions/6/binary_data/1437029b-d711-432f-beef-68ac8243df05'::text),
        (7, 'workflows/yDbfhooKemfhMIkC/executions/7/binary_data/400bb03b-0767-4786-8a7a-0fe17cfb4501'),
        (12, 'workflows/yDbfhooKemfhMIkC/executions/12/binary_data/f4000e0a-eba2-4c42-bfb8-d0a15fae051d')$$,
    'filesystem-v2 ids carry the real execution id, relative to n8n''s storage folder'
);

SELECT * FROM finish();
ROLLBACK;
