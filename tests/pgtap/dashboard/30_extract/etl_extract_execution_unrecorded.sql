-- Execution 12 belongs to an unwatched workflow: Stage 1 never records it, and extraction refuses
-- an execution the dashboard has not recorded instead of inventing its row.
BEGIN;
SELECT plan(2);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;

SELECT is_empty($$SELECT FROM executions WHERE id = 12$$, 'the reconcile leaves the echo workflow''s 12 out');
SELECT throws_ok(
    $$SELECT * FROM etl_extract_execution(12)$$,
    'P0002',
    'etl_extract_execution: execution 12 is not recorded in executions',
    'extracting it raises no_data_found'
);

SELECT * FROM finish();
ROLLBACK;
