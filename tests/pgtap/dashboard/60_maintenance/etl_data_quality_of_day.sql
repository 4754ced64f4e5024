-- One UTC day's executions, counted per Stage 2 field: present means not NULL, whatever the
-- session's time zone.
BEGIN;
SET LOCAL client_min_messages = warning;
SET LOCAL timezone = 'America/Los_Angeles';
SELECT plan(2);

TRUNCATE executions CASCADE;

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, node_id, device_id, camera_id
) VALUES
(1, 'wf', '2026-01-10 08:00Z', '2026-01-10 08:00:05Z', 5000, 'success', 'webhook', true, 'trigger', 'N1', 'N1', 'cam1'),
(2, 'wf', '2026-01-10 09:00Z', '2026-01-10 09:00:05Z', 5000, 'success', 'webhook', true, 'trigger', 'N1', 'N1', 'cam2'),
(3, 'wf', '2026-01-10 23:59Z', '2026-01-10 23:59:59Z', 59000, 'error', 'webhook', true, 'trigger', 'N2', 'N2', 'cam3'),
(4, 'wf', '2026-01-10 00:00Z', '2026-01-10 00:00:00Z', 0, 'error', 'webhook', true, 'trigger', NULL, NULL, NULL),
(5, 'wf', '2026-01-11 00:00Z', '2026-01-11 00:00:00Z', 0, 'success', 'webhook', true, 'trigger', 'N1', 'N1', 'cam1'),
(6, 'wf', '2026-01-09 23:59Z', '2026-01-09 23:59:59Z', 59000, 'success', 'webhook', true, 'trigger', 'N1', 'N1', 'cam1');

INSERT INTO execution_analysis (
    execution_id, analysis_source, alert_level, confidence_score, analysis_text, yolo_model_version, has_smoke,
    flame_detected, heat_signature_detected, yolo_processing_time_ms
) VALUES
(1, 'ollama', 'high', 0.91, 'smoke', 'qwen2.5vl:7b', true, false, false, 1200),
(2, 'ollama', 'low', NULL, 'fog', NULL, NULL, NULL, NULL, NULL),
(5, 'ollama', 'none', 0.9, 'clear', 'qwen2.5vl:7b', false, false, false, 1000),
(6, 'ollama', 'none', 0.9, 'clear', 'qwen2.5vl:7b', false, false, false, 1000);

INSERT INTO execution_images (execution_id, source, valid, invalid_reason, format, original_path, thumbnail_path) VALUES
(1, 'binary', true, NULL, 'JPEG', '0/1.jpg', '0/1.webp'),
(2, 'body', false, 'not an image', NULL, NULL, NULL),
(5, 'binary', true, NULL, 'JPEG', '0/5.jpg', '0/5.webp');

INSERT INTO execution_notifications (execution_id, telegram_sent, telegram_message_id, telegram_error) VALUES
(1, true, 1001, NULL),
(2, false, NULL, 'not sent'),
(3, NULL, NULL, NULL);

SELECT results_eq(
    $$SELECT ordinal, field, executions, present FROM etl_data_quality_of_day('2026-01-10')$$,
    $$VALUES
        (1::smallint, 'analysis', 4::bigint, 2::bigint),
        (2::smallint, 'risk_level', 4::bigint, 2::bigint),
        (3::smallint, 'confidence_score', 4::bigint, 1::bigint),
        (4::smallint, 'analysis_text', 4::bigint, 2::bigint),
        (5::smallint, 'model_version', 4::bigint, 1::bigint),
        (6::smallint, 'smoke_detected', 4::bigint, 1::bigint),
        (7::smallint, 'flame_detected', 4::bigint, 1::bigint),
        (8::smallint, 'heat_signature_detected', 4::bigint, 1::bigint),
        (9::smallint, 'processing_time_ms', 4::bigint, 1::bigint),
        (10::smallint, 'node_id', 4::bigint, 3::bigint),
        (11::smallint, 'camera_id', 4::bigint, 3::bigint),
        (12::smallint, 'image', 4::bigint, 2::bigint),
        (13::smallint, 'image_valid', 4::bigint, 1::bigint),
        (14::smallint, 'telegram_sent', 4::bigint, 2::bigint),
        (15::smallint, 'telegram_message_id', 4::bigint, 1::bigint)$$,
    'every field of the UTC day is counted, NULL as absent'
);
SELECT results_eq(
    $$SELECT executions, present FROM etl_data_quality_of_day('2026-01-12') WHERE field = 'analysis'$$,
    $$VALUES (0::bigint, 0::bigint)$$,
    'a day without executions counts zero'
);

SELECT * FROM finish();
ROLLBACK;
