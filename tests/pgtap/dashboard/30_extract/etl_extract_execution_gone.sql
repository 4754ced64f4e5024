-- An execution the dashboard recorded but n8n no longer has (pruned), or whose id n8n now uses for
-- another workflow, is gone: one row with the reason, and nothing written.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18 OR id = 999999;
CREATE TEMP TABLE recorded ON COMMIT DROP AS
SELECT etl_ingest_execution(999999, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL,
    '2026-11-28 13:35:42.801+00', '2026-11-28 13:35:42.828+00', '2026-11-28 13:35:42.869+00') AS pruned,
    etl_ingest_execution(12, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL,
    '2026-11-28 13:35:42.801+00', '2026-11-28 13:35:42.828+00', '2026-11-28 13:35:42.869+00') AS reused;

SELECT results_eq(
    $$SELECT * FROM etl_extract_execution(999999)$$,
    $$VALUES ('gone'::text, 'n8n no longer has the execution'::text, NULL::text, NULL::text, NULL::text,
              NULL::bytea, NULL::text, NULL::text)$$,
    'n8n has no such execution: gone'
);
SELECT results_eq(
    $$SELECT outcome, reason FROM etl_extract_execution(12)$$,
    $$VALUES ('gone'::text, 'n8n''s execution of that id belongs to workflow otherWorkflow001, not yDbfhooKemfhMIkC'::text)$$,
    'n8n''s id now belongs to another workflow: gone'
);
SELECT is_empty(
    $$SELECT execution_id FROM execution_notifications WHERE execution_id IN (12, 999999)
      UNION ALL SELECT execution_id FROM execution_analysis WHERE execution_id IN (12, 999999)
      UNION ALL SELECT id FROM executions WHERE id IN (12, 999999) AND (node_id IS NOT NULL OR camera_id IS NOT NULL)$$,
    'nothing is written for a gone execution'
);

SELECT * FROM finish();
ROLLBACK;
