-- A \u0000 escape (valid JSON, which jsonb cannot hold) loses the string that holds it, not the
-- document: that element becomes JSON null and every other element stays as it was.
BEGIN;
SELECT plan(3);

SELECT is(
    etl_flatted_parse('[{"a":"1","b":"2"},"x\u0000y","kept"]'),
    '[{"a": "1", "b": "2"}, null, "kept"]'::jsonb,
    'the string with a NUL escape is null, the others intact'
);
SELECT is(
    etl_flatted_parse('[{"a":"1"},"\u0000","x\u0000y\u0000","kept \u00e9"]'),
    '[{"a": "1"}, null, null, "kept é"]'::jsonb,
    'every string with a NUL escape is null, other escapes still decoded'
);
SELECT is(
    etl_flatted_parse('[["1","2"],"a",  "b\u0000"  ]'),
    '[["1", "2"], "a", null]'::jsonb,
    'the last element, between spaces'
);

SELECT * FROM finish();
ROLLBACK;
