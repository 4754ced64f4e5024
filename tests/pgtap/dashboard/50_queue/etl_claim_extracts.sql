-- etl_claim end to end on the fixtures: one call extracts every ready execution and returns it
-- leased, with its image payload (inline base64, body, filesystem path, or none).
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE claimed ON COMMIT DROP AS SELECT * FROM etl_claim('pgtap:1', 50, 60);

SELECT results_eq(
    $$SELECT c.execution_id, c.attempt, c.image_source, length(c.image_base64), c.image_path, c.image_mime_type,
             q.status, q.claim_token = c.claim_token
      FROM claimed AS c JOIN etl_processing_queue AS q ON q.id = c.queue_id
      WHERE c.execution_id IN (1, 8, 9, 11, 15) ORDER BY c.execution_id$$,
    $$VALUES
        (1::bigint, 1, 'binary'::text, 972268, NULL::text, 'image/jpeg'::text, 'processing'::text, true),
        (8, 1, 'body', 146836, NULL, NULL, 'processing', true),
        (9, 1, 'body', 178127, NULL, 'image/jpeg', 'processing', true),
        (11, 1, NULL, NULL, NULL, NULL, 'processing', true),
        (15, 1, 'filesystem', NULL, 'workflows/yDbfhooKemfhMIkC/executions/temp/binary_data/e57072c2-ae73-4afe-835a-49ff06ad3e2f',
         'image/jpeg', 'processing', true)$$,
    'claimed items carry their payload and the live claim token'
);
SELECT is(
    (SELECT count(*)::integer FROM claimed WHERE execution_id <= 18), 17,
    'all 17 watched fixture executions are claimed in one call'
);
SELECT is(
    (SELECT count(*)::integer FROM execution_analysis WHERE execution_id <= 18), 15,
    'the claim ran the extraction: 15 analyses landed'
);

SELECT * FROM finish();
ROLLBACK;
