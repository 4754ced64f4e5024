-- Camera ids come from the webhook body, else the query string, else x-node-id / x-camera-id
-- headers, each field on its own; numbers become text, digit strings stay as sent, empty strings
-- say nothing. Hand-made flatted items, the item at the root.
BEGIN;
SELECT plan(3);

CREATE FUNCTION pg_temp.ids(p_flatted text) RETURNS TABLE (node_id text, camera_id text) LANGUAGE sql AS $$
    SELECT * FROM etl_camera_ids(etl_flatted_parse(p_flatted), '{}')
$$;

SELECT results_eq(
    $$SELECT * FROM pg_temp.ids('[{"json":"1"},{"body":"2","query":"3","headers":"4"},{"camera_id":"5"},'
        '{"node_id":"6","camera_id":"7"},{"x-node-id":"8","x-camera-id":"9"},"cam_body","NODE_Q","cam_q","NODE_H","cam_h"]')
      UNION ALL
      SELECT * FROM pg_temp.ids('[{"json":"1"},{"body":"2","headers":"3"},{"node_id":"4","camera_id":7},'
        '{"x-node-id":"5"},"","NODE_H"]')$$,
    $$VALUES ('NODE_Q'::text, 'cam_body'::text), ('NODE_H', '7')$$,
    'body before query before headers, per field; an empty string is skipped, a number kept as text'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.ids('[{"json":"1"},{"body":"2"},{"node_id":"3","camera_id":"4"},"0042","12"]')$$,
    $$VALUES ('0042'::text, '12'::text)$$,
    'digit-only strings stay exactly as sent'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.ids('[{"json":"1"},{"body":"2"},"node_id=1&camera_id=2"]')
      UNION ALL SELECT * FROM pg_temp.ids('[{"json":"1"},{"body":"2"},{"node_id":"3"},{"id":"4"}]')
      UNION ALL SELECT * FROM etl_camera_ids(etl_flatted_parse('[{}]'), NULL)$$,
    $$VALUES (NULL::text, NULL::text), (NULL, NULL), (NULL, NULL)$$,
    'a text body, an object id, no item: NULL, never a guess'
);

SELECT * FROM finish();
ROLLBACK;
