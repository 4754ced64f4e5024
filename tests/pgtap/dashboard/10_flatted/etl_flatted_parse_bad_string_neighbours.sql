-- Only the string with a bad escape is lost: a valid surrogate pair, escaped quotes and
-- backslashes, and the text \u0000 behind an escaped backslash (no NUL) in the same document
-- stay intact.
BEGIN;
SELECT plan(3);

SELECT is(
    etl_flatted_parse('[{"a":"1","b":"2","c":"3"},"x\u0000y","fire \ud83d\udd25","C:\\u0000dir"]'),
    jsonb_build_array('{"a": "1", "b": "2", "c": "3"}'::jsonb, NULL, 'fire 🔥', 'C:\u0000dir'),
    'a surrogate pair and an escaped backslash before u0000 are kept'
);
SELECT is(
    etl_flatted_parse('[{"a":"1"},"\\\u0000","say \"\\\"","\\\\u0000\\"]'),
    jsonb_build_array('{"a": "1"}'::jsonb, NULL, 'say "\"', '\\u0000\'),
    'an escaped backslash then a NUL escape is lost; escaped quotes and backslashes are kept'
);
SELECT is(
    etl_flatted_parse('[{"x\"y":"1"},"\ud800","\u00e9\u20ac\uD83D\uDE00"]'),
    jsonb_build_array('{"x\"y": "1"}'::jsonb, NULL, 'é€😀'),
    'an escaped quote in a key and other escapes are kept'
);

SELECT * FROM finish();
ROLLBACK;
