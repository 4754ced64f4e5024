-- Fresher facts win: an ingest with changed facts while the item is processing sends it through
-- Stage 2 again when the claim completes, instead of leaving the older facts' work as final.
BEGIN;
SELECT plan(4);

DELETE FROM etl_processing_queue;
SELECT etl_ingest_execution(900002, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL,
    '2026-12-01 10:00:00+00', '2026-12-01 10:00:01+00', '2026-12-01 10:00:02+00');
-- A runner holds it (what etl_claim leaves).
UPDATE etl_processing_queue
SET status = 'processing', attempts = 1, claim_token = 'a0000000-0000-0000-0000-000000000002',
    locked_until = now() + interval '1 minute', started_at = now()
WHERE execution_id = 900002;

SELECT is(
    etl_ingest_execution(900002, 'yDbfhooKemfhMIkC', 'error', 'webhook', NULL,
        '2026-12-01 10:00:00+00', '2026-12-01 10:00:01+00', '2026-12-01 10:00:05+00'),
    true, 'the changed facts are recorded'
);
SELECT is(
    (SELECT status FROM etl_processing_queue WHERE execution_id = 900002), 'processing',
    'the claim in flight is left alone'
);
SELECT ok(
    etl_complete((SELECT id FROM etl_processing_queue WHERE execution_id = 900002),
        'a0000000-0000-0000-0000-000000000002'),
    'the runner completes its claim'
);
SELECT results_eq(
    $$SELECT status, attempts, completed_at IS NULL FROM etl_processing_queue WHERE execution_id = 900002$$,
    $$VALUES ('pending'::text, 0, true)$$,
    'back to pending with fresh attempts: Stage 2 runs again on the fresher facts'
);

SELECT * FROM finish();
ROLLBACK;
