-- A low surrogate escape with no high surrogate before it loses its string, not the document.
BEGIN;
SELECT plan(3);

SELECT is(
    etl_flatted_parse('[{"a":"1","b":"2"},"x\udc00y","kept"]'),
    '[{"a": "1", "b": "2"}, null, "kept"]'::jsonb,
    'a low surrogate alone'
);
SELECT is(
    etl_flatted_parse('[{"a":"1"},"\ud83d\udd25\udfff","kept"]'),
    '[{"a": "1"}, null, "kept"]'::jsonb,
    'a low surrogate after a complete pair'
);
SELECT is(
    etl_flatted_parse('[{"a":"1"},"\ud800\ud800\udc00","kept"]'),
    '[{"a": "1"}, null, "kept"]'::jsonb,
    'a lone high surrogate before a pair'
);

SELECT * FROM finish();
ROLLBACK;
