-- execution_detections follows execution_analysis.detections: written with the analysis,
-- rewritten when the boxes change, untouched by the dashboard's label writes.
BEGIN;
SELECT plan(4);

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
) VALUES (900701, 'wf', now(), now(), 0, 'success', 'webhook', true, 'trigger');
INSERT INTO execution_analysis (execution_id, analysis_source, detection_count, detections) VALUES (
    900701, 'yolo', 3,
    '[{"class": "smoke", "class_id": 0, "confidence": 0.81, "bounding_box": {"x": 10.5, "y": 20, "width": 100.25, "height": 50}},
      {"class": "fire", "class_id": 1, "confidence": 0.4, "bounding_box": {"x": 0, "y": 0, "width": 5, "height": 5}},
      {"class": "smoke", "class_id": "0", "confidence": "high", "bounding_box": {"x": 1}}]'
);

SELECT results_eq(
    $$SELECT ordinal, class_name, class_id, confidence, x1, y1, x2, y2
      FROM execution_detections WHERE execution_id = 900701 ORDER BY ordinal$$,
    $$VALUES (1, 'smoke'::text, 0, 0.81, 10.5, 20::numeric, 110.75, 70::numeric),
             (2, 'fire', 1, 0.4, 0, 0, 5, 5),
             (3, 'smoke', NULL, NULL, 1, NULL, NULL, NULL)$$,
    'one row per box, corners from x, y, width, height; what is not a number is NULL'
);

CREATE TEMP TABLE before ON COMMIT DROP AS SELECT ctid::text AS row_at FROM execution_detections WHERE execution_id = 900701;
UPDATE execution_analysis SET is_false_positive = true, false_positive_reason = 'cloud' WHERE execution_id = 900701;
SELECT set_eq(
    $$SELECT ctid::text AS row_at FROM execution_detections WHERE execution_id = 900701$$,
    $$SELECT row_at FROM before$$,
    'a label write leaves the box rows as they were'
);

UPDATE execution_analysis
SET detections = '[{"class": "smoke", "class_id": 0, "confidence": 0.9, "bounding_box": {"x": 1, "y": 2, "width": 3, "height": 4}}]'
WHERE execution_id = 900701;
SELECT results_eq(
    $$SELECT ordinal, class_name, confidence, x2, y2 FROM execution_detections WHERE execution_id = 900701$$,
    $$VALUES (1, 'smoke'::text, 0.9, 4::numeric, 6::numeric)$$,
    'changed boxes replace the old rows'
);

UPDATE execution_analysis SET detections = NULL WHERE execution_id = 900701;
SELECT is_empty($$SELECT FROM execution_detections WHERE execution_id = 900701$$, 'no detections, no rows');

SELECT * FROM finish();
ROLLBACK;
