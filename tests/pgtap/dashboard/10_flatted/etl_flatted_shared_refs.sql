-- A shared element (stored once, referenced many times, as n8n's IF output shares the Ollama
-- item) is expanded wherever it is referenced.
BEGIN;
SELECT plan(3);

CREATE TEMP TABLE doc ON COMMIT DROP AS
SELECT etl_flatted_parse(
    '[{"ollama":"1","if":"2","again":"3"},["3"],["3"],{"json":"4"},{"response":"5","n":1},"Risk: low"]'
) AS d;

SELECT is(
    etl_flatted_decode(d),
    '{"ollama": [{"json": {"response": "Risk: low", "n": 1}}],'
    ' "if": [{"json": {"response": "Risk: low", "n": 1}}],'
    ' "again": {"json": {"response": "Risk: low", "n": 1}}}'::jsonb,
    'each reference to the shared item is expanded'
) FROM doc;
SELECT is(
    etl_flatted_decode(d, '{if,0}'), etl_flatted_decode(d, '{ollama,0}'),
    'both paths decode to the same value'
) FROM doc;
SELECT is(
    etl_flatted_node(d, '{if,0}'), etl_flatted_node(d, '{ollama,0}'),
    'both paths walk to the same raw element'
) FROM doc;

SELECT * FROM finish();
ROLLBACK;
