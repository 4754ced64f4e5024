-- Health reports the queue table's tuples (statistics) and the vacuum horizon.
BEGIN;
SELECT plan(2);

SELECT results_eq(
    $$SELECT live_tuples IS NOT NULL, dead_tuples IS NOT NULL FROM etl_queue_health$$,
    $$VALUES (true, true)$$,
    'the queue table''s statistics are read'
);
SELECT results_eq(
    $$SELECT oldest_xmin_age, oldest_xmin_holder FROM etl_queue_health$$,
    $$SELECT x.xid_age, x.holder FROM (VALUES (1)) AS v (one) LEFT JOIN etl_xmin_horizon() AS x ON true$$,
    'the oldest holder of the xmin horizon is shown'
);

SELECT * FROM finish();
ROLLBACK;
