-- A reference that names no element is malformed flatted data (SAI01), for walker and decoder.
BEGIN;
SELECT plan(7);

SELECT throws_ok(
    $$SELECT etl_flatted_node('[{"a":"2"},"x"]', '{a}')$$,
    'SAI01', 'flatted: reference "2" out of range', 'walker: index past the end'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"1"},["99999999999"]]')$$,
    'SAI01', 'flatted: reference "99999999999" out of range', 'decoder: index beyond integer range'
);
SELECT throws_ok(
    $$SELECT etl_flatted_node('[{"a":"abc"},"x"]', '{a}')$$,
    'SAI01', 'flatted: reference "abc" is not an element index', 'walker: not a number'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"-1"},"x"]')$$,
    'SAI01', 'flatted: reference "-1" is not an element index', 'decoder: negative'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[{"a":"01"},"x"]')$$,
    'SAI01', 'flatted: reference "01" is not an element index', 'decoder: not canonical decimal'
);
SELECT throws_ok(
    $$SELECT etl_flatted_decode('[["1",""],"x"]')$$,
    'SAI01', 'flatted: reference "" is not an element index', 'decoder: empty string'
);
SELECT throws_ok(
    $$SELECT etl_flatted_node('{"a":"1"}', '{a}')$$,
    'SAI01', 'flatted: document is not a non-empty array', 'walker: a document that is not flatted'
);

SELECT * FROM finish();
ROLLBACK;
