-- etl_flatted_node follows references along a path and returns what is there undecoded:
-- containers as raw elements, leaves resolved.
BEGIN;
SELECT plan(8);

CREATE TEMP TABLE doc ON COMMIT DROP AS
SELECT etl_flatted_parse(
    '[{"resultData":"1","version":1},{"runData":"2","lastNodeExecuted":"3"},'
    '{"Webhook":"4","Ollama":"5"},"Ollama",["6"],["7"],{"json":"8"},{"json":"9"},'
    '{"body":"10","n":0},{"response":"11","total_duration":4123456790,"done":true,"context":null},'
    '{"node_id":"12","camera_id":"13"},"Risk: low","NODE_001","cam_1"]'
) AS d;

SELECT is(etl_flatted_node(d, '{}'), '{"resultData": "1", "version": 1}'::jsonb, 'the empty path is the root element')
FROM doc;
SELECT is(
    etl_flatted_node(d, '{resultData,runData,Webhook,0,json,body}'),
    '{"node_id": "12", "camera_id": "13"}'::jsonb,
    'a container comes back raw, its strings still references'
) FROM doc;
SELECT is(
    etl_flatted_node(d, '{resultData,runData,Ollama,0,json,response}'), '"Risk: low"'::jsonb,
    'a string leaf is resolved'
) FROM doc;
SELECT is(
    etl_flatted_node(d, '{resultData,runData,Ollama,0,json,total_duration}'), '4123456790'::jsonb,
    'a number is inline'
) FROM doc;
SELECT is(etl_flatted_node(d, '{resultData,runData,Ollama,0,json,done}'), 'true'::jsonb, 'a boolean is inline')
FROM doc;
SELECT is(
    etl_flatted_node(d, '{resultData,runData,Ollama,0,json,context}'), 'null'::jsonb,
    'an inline null is JSON null, not SQL NULL'
) FROM doc;
SELECT is(etl_flatted_node(d, '{resultData,lastNodeExecuted}'), '"Ollama"'::jsonb, 'a shallow leaf')
FROM doc;
SELECT is(etl_flatted_node(d, '{version}'), '1'::jsonb, 'an inline value of the root') FROM doc;

SELECT * FROM finish();
ROLLBACK;
