-- Limits that no decode could satisfy are the caller's mistake (22023), not the data's.
BEGIN;
SELECT plan(2);

SELECT throws_ok(
    $$SELECT etl_flatted_decode('["x"]', p_max_depth => -1)$$,
    '22023', 'flatted: p_max_depth must be >= 0 and p_max_nodes >= 1', 'a negative depth bound'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('["x"]', p_max_nodes => 0)$$,
    '22023', 'flatted: p_max_depth must be >= 0 and p_max_nodes >= 1', 'a node bound of zero'
);

SELECT * FROM finish();
ROLLBACK;
