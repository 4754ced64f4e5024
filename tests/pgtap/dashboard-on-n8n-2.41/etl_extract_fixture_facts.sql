-- Every SAI execution of the real n8n 2.41.1 fixtures (tests/fixtures/n8n-2.41) gets exactly the
-- camera, node, analysis and Telegram facts its README lists, whatever n8n kept it in: its database
-- (1-11, 14, 15; inline, filesystem and database binary modes) or a bundle.json on its disk (12, 13,
-- handed over as the runner reads it). 4 belongs to an unwatched workflow: never recorded.
BEGIN;
SELECT plan(4);

\set b12 `cat :fixtures/storage/workflows/yDbfhooKemfhMIkC/executions/12/execution_data/bundle.json`
\set b13 `cat :fixtures/storage/workflows/saiJsonCam000001/executions/13/execution_data/bundle.json`

DELETE FROM executions WHERE id <= 15;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS
SELECT e.id, x.outcome FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 15;
CREATE TEMP TABLE from_bundles ON COMMIT DROP AS
SELECT 12 AS id, x.* FROM etl_extract_bundle(12, :'b12') AS x
UNION ALL
SELECT 13, x.* FROM etl_extract_bundle(13, :'b13') AS x;

SELECT is((SELECT n FROM ingested), 14, 'the reconcile records the 14 SAI executions, not the echo workflow''s 4');

SELECT results_eq(
    $$SELECT id, outcome FROM extracted ORDER BY id$$,
    $$VALUES (1::bigint, 'ready'::text), (2, 'ready'), (3, 'ready'), (5, 'ready'), (6, 'ready'), (7, 'ready'),
        (8, 'ready'), (9, 'ready'), (10, 'ready'), (11, 'ready'), (12, 'bundle'), (13, 'bundle'), (14, 'ready'),
        (15, 'ready')$$,
    'data in n8n''s database is ready; data on n8n''s disk (storedAt fs) asks for its bundle'
);

CREATE TEMP TABLE response (label, analysis_text) ON COMMIT DROP AS VALUES
('R0', '{"risk_level": "high", "confidence": 0.91, "smoke_detected": true, "flame_detected": false, '
    || '"heat_signature_detected": false, "description": "Dense grey smoke column rising behind the ridge."}'),
('R1', 'Risk level: none. No smoke, flames or heat signatures are visible. Clear sky over the valley. '
    || 'Confidence: 96%'),
('R2', E'```json\n{"risk_level": "medium", "confidence": 0.64, "smoke_detected": true, "flame_detected": false}\n```'),
('R3', 'Nivel de riesgo: ALTO. Se observa una columna de humo y llamas en la ladera norte. Confianza: 88%'),
('R4', 'The image shows morning fog in the valley; no smoke or fire is present. Risk: low. Confidence: 0.7');

SELECT results_eq(
    $$SELECT e.id, e.node_id, e.camera_id, r.label, a.risk_level, a.confidence_score, a.model_version,
             a.smoke_detected, a.flame_detected, a.heat_signature_detected
      FROM executions AS e
      LEFT JOIN execution_analysis AS a ON a.execution_id = e.id
      LEFT JOIN response AS r USING (analysis_text)
      WHERE e.id <= 15 ORDER BY e.id$$,
    $$VALUES
        (1::bigint, 'NODE_001'::text, 'cam_0'::text, 'R0'::text, 'high'::text, 0.910::numeric, 'qwen2.5vl:7b'::text, true, false, false),
        (2, 'NODE_002', 'cam_1', 'R1', 'none', 0.960, 'qwen2.5vl:7b', false, false, false),
        (3, 'NODE_004', 'cam_sur', 'R2', 'medium', 0.640, 'qwen2.5vl:7b', true, false, NULL),
        (5, 'NODE_003', 'cam_3', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (6, 'NODE_001', 'cam_fs_0', 'R0', 'high', 0.910, 'qwen2.5vl:7b', true, false, false),
        (7, 'NODE_002', 'cam_fs_1', 'R1', 'none', 0.960, 'qwen2.5vl:7b', false, false, false),
        (8, 'NODE_005', 'cam_este', 'R2', 'medium', 0.640, 'qwen2.5vl:7b', true, false, NULL),
        (9, 'NODE_003', 'cam_db_0', 'R3', 'high', 0.880, 'qwen2.5vl:7b', true, true, NULL),
        (10, 'NODE_001', 'cam_db_1', 'R4', 'low', 0.700, 'qwen2.5vl:7b', false, false, NULL),
        (11, 'NODE_002', 'cam_db_err', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (12, 'NODE_001', 'cam_fsx_0', 'R0', 'high', 0.910, 'qwen2.5vl:7b', true, false, false),
        (13, 'NODE_006', 'cam_oeste', 'R1', 'none', 0.960, 'qwen2.5vl:7b', false, false, false),
        (14, 'NODE_001', 'cam_probe', 'R2', 'medium', 0.640, 'qwen2.5vl:7b', true, false, NULL),
        (15, 'NODE_001', 'cam_probe2', 'R3', 'high', 0.880, 'qwen2.5vl:7b', true, true, NULL)$$,
    'node, camera and the README''s analysis of each execution; none for the two Ollama-down errors (5, 11)'
);

SELECT results_eq(
    $$SELECT execution_id, telegram_sent, telegram_message_id FROM execution_notifications
      WHERE execution_id <= 15 ORDER BY execution_id$$,
    $$VALUES
        (1::bigint, true, 1001::bigint), (2, false, NULL), (3, true, 1002), (5, false, NULL), (6, true, 1003),
        (7, false, NULL), (8, true, 1004), (9, true, 1005), (10, false, NULL), (11, false, NULL),
        (12, true, 1006), (13, true, 1007), (14, true, 1008), (15, true, 1009)$$,
    'Telegram: the README''s message ids, false where the node did not run'
);

SELECT * FROM finish();
ROLLBACK;
