-- The reconcile reads n8n through postgres_fdw and records every finished, watched execution the
-- dashboard lacks: the 17 SAI fixture executions, not the unrelated echo workflow's (12).
BEGIN;
SELECT plan(4);

DELETE FROM executions WHERE id <= 18;
SELECT etl_ingest_execution(5, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL,
    '2026-11-28 13:35:42.801+00', '2026-11-28 13:35:42.828+00', '2026-11-28 13:35:42.869+00');

SELECT is(etl_reconcile(interval '100 years'), 16, 'the 16 missing ones are added');
SELECT results_eq(
    $$SELECT array_agg(id ORDER BY id) FROM executions WHERE id <= 18$$,
    $$VALUES (ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18]::bigint[])$$,
    'all watched fixture executions, once'
);
SELECT results_eq(
    $$SELECT status, count(*)::integer FROM executions WHERE id <= 18 GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('error', 2), ('success', 15)$$,
    'errors 11 and 13 keep status error'
);
SELECT is(etl_reconcile(interval '100 years'), 0, 'a second reconcile finds nothing');

SELECT * FROM finish();
ROLLBACK;
