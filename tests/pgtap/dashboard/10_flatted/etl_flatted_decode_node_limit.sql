-- The decoder stops after p_max_nodes values with 54000; each expansion of a shared element
-- counts, so a small document cannot decode to an unbounded amount of JSON.
BEGIN;
SELECT plan(2);

-- root, then a and b both {x: 1, y: "s"} through one shared element: 7 values decoded.
SELECT is(
    etl_flatted_decode('[{"a":"1","b":"1"},{"x":1,"y":"2"},"s"]', p_max_nodes => 7),
    '{"a": {"x": 1, "y": "s"}, "b": {"x": 1, "y": "s"}}'::jsonb,
    'seven values fit a bound of 7'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"1","b":"1"},{"x":1,"y":"2"},"s"]', p_max_nodes => 6)$$,
    '54000', 'flatted: more than 6 nodes', 'the shared element counts twice'
);

SELECT * FROM finish();
ROLLBACK;
