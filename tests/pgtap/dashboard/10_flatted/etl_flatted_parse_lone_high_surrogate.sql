-- A high surrogate escape with no low surrogate after it loses its string, not the document.
BEGIN;
SELECT plan(3);

SELECT is(
    etl_flatted_parse('[{"a":"1","b":"2"},"x\ud800y","kept"]'),
    '[{"a": "1", "b": "2"}, null, "kept"]'::jsonb,
    'a high surrogate followed by a plain character'
);
SELECT is(
    etl_flatted_parse('[{"a":"1"},"end \uDBFF","kept"]'),
    '[{"a": "1"}, null, "kept"]'::jsonb,
    'a high surrogate at the end of its string (upper-case hex)'
);
SELECT is(
    etl_flatted_parse('[{"a":"1"},"\ud800\u0041","kept"]'),
    '[{"a": "1"}, null, "kept"]'::jsonb,
    'a high surrogate followed by an escape that is not a low surrogate'
);

SELECT * FROM finish();
ROLLBACK;
