-- A bundle the runner hands over that is not n8n's shape is refused with a clear error, and
-- nothing is written for the execution; an execution the dashboard has not recorded is refused.
BEGIN;
SELECT plan(4);

DELETE FROM executions WHERE id <= 15;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;

SELECT throws_ok(
    $$SELECT * FROM etl_extract_bundle(12, 'not json {')$$,
    'SAI01',
    'etl_extract_bundle: the bundle of execution 12 is not JSON',
    'text that is not JSON'
);
SELECT throws_ok(
    $$SELECT * FROM etl_extract_bundle(12, '{"data": [], "workflowData": {}}')$$,
    'SAI01',
    'etl_extract_bundle: the bundle of execution 12 has no data text and workflowData object',
    'JSON without the flatted text'
);
SELECT throws_ok(
    $$SELECT * FROM etl_extract_bundle(99999, '{}')$$,
    'P0002',
    'etl_extract_bundle: execution 99999 is not recorded in executions',
    'an execution the dashboard has not recorded'
);
SELECT is(
    (SELECT camera_id FROM executions WHERE id = 12),
    NULL,
    'nothing was written for execution 12'
);

SELECT * FROM finish();
ROLLBACK;
