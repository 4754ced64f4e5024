-- flatted stores every object and array as its own element; one written inline in another
-- element is malformed (SAI01), since its strings could not be told from references.
BEGIN;
SELECT plan(3);

SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"1"},{"b":{"c":"1"}}]')$$,
    'SAI01', 'flatted: element 1 holds an inline object', 'decoder: inline object'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":[]}]')$$,
    'SAI01', 'flatted: element 0 holds an inline array', 'decoder: inline empty array'
);
SELECT throws_ok(
    $$SELECT etl_flatted_node('[{"a":"1"},{"b":["x"]}]', '{a,b,0}')$$,
    'SAI01', 'flatted: element 1 holds an inline array', 'walker: inline array on the path'
);

SELECT * FROM finish();
ROLLBACK;
