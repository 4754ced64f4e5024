-- etl_flatted_decode decodes the subtree at a path, or the whole document for the empty path.
BEGIN;
SELECT plan(4);

CREATE TEMP TABLE doc ON COMMIT DROP AS
SELECT etl_flatted_parse(
    '[{"resultData":"1"},{"runData":"2"},{"Webhook":"3"},["4"],{"json":"5"},'
    '{"body":"6","query":"7"},{"node_id":"8","camera_id":"9"},{},"NODE_001","cam_1"]'
) AS d;

SELECT is(
    etl_flatted_decode(d, '{resultData,runData,Webhook,0,json}'),
    '{"body": {"node_id": "NODE_001", "camera_id": "cam_1"}, "query": {}}'::jsonb,
    'the webhook json decodes'
) FROM doc;
SELECT is(
    etl_flatted_decode(d, '{resultData,runData,Webhook,0,json,body,camera_id}'), '"cam_1"'::jsonb,
    'a leaf target decodes to its value'
) FROM doc;
SELECT is(
    etl_flatted_decode(d) #> '{resultData,runData,Webhook,0,json,body}',
    '{"node_id": "NODE_001", "camera_id": "cam_1"}'::jsonb,
    'the empty path decodes the whole document'
) FROM doc;
SELECT is(etl_flatted_decode('["only"]'), '"only"'::jsonb, 'a string root decodes to itself');

SELECT * FROM finish();
ROLLBACK;
