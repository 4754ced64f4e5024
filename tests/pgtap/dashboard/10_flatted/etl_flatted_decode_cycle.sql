-- flatted can express cycles; plain JSON cannot, so the decoder names the element and stops.
BEGIN;
SELECT plan(3);

SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"self":"0"}]')$$,
    'SAI01', 'flatted: circular reference at element 0', 'an element referring to itself'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"1"},{"b":"2"},["3"],{"back":"1"}]')$$,
    'SAI01', 'flatted: circular reference at element 1', 'a longer cycle'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"1"},{"b":"2"},["1"]]', '{a,b}')$$,
    'SAI01', 'flatted: circular reference at element 2', 'a cycle below a path'
);

SELECT * FROM finish();
ROLLBACK;
