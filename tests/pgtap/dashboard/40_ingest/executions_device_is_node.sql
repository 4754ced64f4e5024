-- The dashboard's device_id and sai-etl's node_id are one value: the table refuses two.
BEGIN;
SELECT plan(2);

SELECT throws_ok(
    $$INSERT INTO executions (
        id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
        timing_complete, ingest_source, node_id, device_id
    ) VALUES (900801, 'wf', now(), now(), 0, 'success', 'webhook', true, 'trigger', 'node-a', 'node-b')$$,
    '23514',
    'new row for relation "executions" violates check constraint "executions_device_is_node"',
    'a device_id other than node_id is refused'
);
SELECT lives_ok(
    $$INSERT INTO executions (
        id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
        timing_complete, ingest_source, node_id, device_id
    ) VALUES (900802, 'wf', now(), now(), 0, 'success', 'webhook', true, 'trigger', 'node-a', 'node-a')$$,
    'the same value under both names is taken'
);

SELECT * FROM finish();
ROLLBACK;
