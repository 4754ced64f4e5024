-- A recovery placeholder is not data: after n8n's crash recovery the camera's request is read from
-- the node execution stack (camera ids and frame land), no analysis is pretended, and Telegram is
-- unknown (NULL), not "not sent"; a node's own saved run (progress saved, 903) still counts.
BEGIN;
\ir ../../include/recovered.sql
SELECT plan(4);

SELECT results_eq(
    $$SELECT r.id, i.* FROM recovered AS r
      CROSS JOIN LATERAL etl_camera_ids(r.doc, etl_webhook_item(r.doc, r.webhook_node)) AS i ORDER BY r.id$$,
    $$VALUES (901, 'NODE_002'::text, 'cam_1'::text), (902, 'NODE_002', 'cam_1'), (903, 'NODE_002', 'cam_1'),
             (904, 'NODE_002', 'cam_1')$$,
    'camera ids: from the stack (901, 902, 904) or the saved webhook run (903)'
);

SELECT results_eq(
    $$SELECT r.id, l.image_source, md5(l.image_base64), l.image_mime_type, l.image_file_name FROM recovered AS r
      CROSS JOIN LATERAL etl_image_locator(r.doc, etl_webhook_item(r.doc, r.webhook_node)) AS l ORDER BY r.id$$,
    $$SELECT r.id, 'binary'::text, md5(s.data #>> '{resultData,runData,Webhook,0,data,main,0,0,binary,image,data}'),
             'image/jpeg'::text, 'cam1_1920x1080.jpg'::text
      FROM recovered AS r CROSS JOIN (
          SELECT etl_flatted_decode(etl_flatted_parse(data), '{}') AS data FROM n8n.execution_data
          WHERE "executionId" = 3
      ) AS s ORDER BY r.id$$,
    'the frame: execution 3''s own JPEG, in all four'
);

SELECT results_eq(
    $$SELECT r.id, a.raw_response IS NOT NULL, a.risk_level, a.confidence_score, a.smoke_detected, a.flame_detected
      FROM recovered AS r CROSS JOIN LATERAL etl_analysis_facts(r.doc, r.analysis_node) AS a ORDER BY r.id$$,
    $$VALUES (901, false, NULL::text, NULL::numeric, NULL::boolean, NULL::boolean),
             (902, false, NULL, NULL, NULL, NULL), (903, true, 'high', 0.88, true, true),
             (904, false, NULL, NULL, NULL, NULL)$$,
    'no analysis from a placeholder or a crashed run; the saved answer (903) is read'
);

SELECT results_eq(
    $$SELECT r.id, n.* FROM recovered AS r
      CROSS JOIN LATERAL etl_notification_facts(r.doc, r.telegram_node) AS n ORDER BY r.id$$,
    $$VALUES (901, NULL::boolean, NULL::bigint, NULL::text, NULL::text), (902, NULL, NULL, NULL, NULL),
             (903, NULL, NULL, NULL, NULL), (904, NULL, NULL, NULL, NULL)$$,
    'Telegram unknown: a placeholder run (901, 903) or no run in a recovered execution (902, 904)'
);

SELECT * FROM finish();
ROLLBACK;
