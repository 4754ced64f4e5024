-- Input that is not a finished execution is refused with 22023 and a message that says why.
BEGIN;
SELECT plan(5);

SELECT throws_ok(
    $$SELECT etl_ingest_execution(800301, 'wf1', 'running', 'webhook', NULL, now(), now(), NULL)$$,
    '22023', 'etl_ingest_execution: execution 800301 has status running, not a terminal one',
    'a running execution'
);
SELECT throws_ok(
    $$SELECT etl_ingest_execution(0, 'wf1', 'success', 'webhook', NULL, now(), now(), now())$$,
    '22023', 'etl_ingest_execution: execution id must be a positive integer, got 0',
    'a non-positive id'
);
SELECT throws_ok(
    $$SELECT etl_ingest_execution(800302, NULL, 'success', 'webhook', NULL, now(), now(), now())$$,
    '22023', 'etl_ingest_execution: execution 800302 has no workflow id or mode',
    'no workflow id'
);
SELECT throws_ok(
    $$SELECT etl_ingest_execution(800303, 'wf1', 'success', 'webhook', NULL, NULL, NULL, NULL)$$,
    '22023', 'etl_ingest_execution: execution 800303 has no timestamp at all',
    'no timestamps'
);
SELECT throws_ok(
    $$SELECT etl_ingest_execution(800304, 'wf1', 'success', 'webhook', NULL, now(), now(), now(), 'guess')$$,
    '22023', 'etl_ingest_execution: unknown source guess',
    'an unknown source'
);

SELECT * FROM finish();
ROLLBACK;
