-- Stage 1 records the minimal execution row and a priority-1 queue item.
BEGIN;
SELECT plan(3);

SELECT is(
    etl_ingest_execution(
        800001, 'yDbfhooKemfhMIkC', 'error', 'webhook', '41', '2026-11-28 10:00:00+00',
        '2026-11-28 10:00:01+00', '2026-11-28 10:00:03.5+00'
    ),
    true,
    'a new execution is recorded'
);
SELECT results_eq(
    $$SELECT workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode, retry_of,
             timing_complete, node_id, camera_id, ingest_source
      FROM executions WHERE id = 800001$$,
    $$VALUES ('yDbfhooKemfhMIkC', '2026-11-28 10:00:01+00'::timestamptz, '2026-11-28 10:00:03.5+00'::timestamptz,
              2500::bigint, 'error', 'webhook', 41::bigint, true, NULL::text, NULL::text, 'trigger')$$,
    'the row holds n8n''s facts; node and camera wait for Stage 2'
);
SELECT results_eq(
    $$SELECT stage, status, priority::integer, attempts FROM etl_processing_queue WHERE execution_id = 800001$$,
    $$VALUES ('stage2', 'pending', 1, 0)$$,
    'a pending Stage 2 item at priority 1'
);

SELECT * FROM finish();
ROLLBACK;
