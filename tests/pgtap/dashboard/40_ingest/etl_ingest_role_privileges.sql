-- n8n's link role may call etl_ingest_execution and nothing else.
BEGIN;
SELECT plan(5);

SET LOCAL ROLE sai_etl_ingest;
SELECT lives_ok(
    $$SELECT etl_ingest_execution(800501, 'wf1', 'success', 'webhook', NULL, now(), now(), now())$$,
    'the ingest role can ingest'
);
SELECT throws_ok($$SELECT * FROM executions$$, '42501', 'permission denied for table executions', 'but not read executions');
SELECT throws_ok($$DELETE FROM etl_processing_queue$$, '42501', 'permission denied for table etl_processing_queue', 'nor touch the queue');
SELECT throws_ok($$SELECT etl_reconcile()$$, '42501', 'permission denied for function etl_reconcile', 'nor call other functions');
SELECT throws_ok($$SELECT * FROM n8n.execution_entity$$, '42501', 'permission denied for schema n8n', 'nor read n8n through the link');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
