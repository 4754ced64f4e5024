-- The two failed fixture executions land what they have: 11 (the Ollama node failed on its
-- expression; no image was sent) and 13 (Ollama refused the connection; the frame came inline).
-- Neither has an analysis row, so no analysis field pretends to be known; Telegram did not run.
BEGIN;
SELECT plan(4);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id IN (11, 13);

SELECT results_eq(
    $$SELECT id, outcome, image_source, image_file_name FROM extracted ORDER BY id$$,
    $$VALUES (11::bigint, 'ready'::text, NULL::text, NULL::text), (13, 'ready', 'binary', 'cam2_1280x720.jpg')$$,
    'both are ready; 11 carries no image, 13 its inline frame'
);
SELECT results_eq(
    $$SELECT id, node_id, camera_id FROM executions WHERE id IN (11, 13) ORDER BY id$$,
    $$VALUES (11::bigint, 'NODE_001'::text, 'cam_x'::text), (13, 'NODE_002', 'cam_2')$$,
    'their camera ids land'
);
SELECT is_empty(
    $$SELECT FROM execution_analysis WHERE execution_id IN (11, 13)$$,
    'no analysis row: the model never answered'
);
SELECT results_eq(
    $$SELECT execution_id, telegram_sent, telegram_message_id, telegram_error
      FROM execution_notifications WHERE execution_id IN (11, 13) ORDER BY 1$$,
    $$VALUES (11::bigint, false, NULL::bigint, NULL::text), (13, false, NULL, NULL)$$,
    'Telegram not sent, and no Telegram error: the node never ran'
);

SELECT * FROM finish();
ROLLBACK;
