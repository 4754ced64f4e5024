-- Everything known about one execution, across both stages and n8n, with notes on why fields are
-- empty (the fixture n8n database: execution 3 is a watched one, 12 belongs to an unwatched
-- workflow, 99 does not exist).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(7);

TRUNCATE executions CASCADE;

SELECT is(
    etl_execution_status(3) - 'n8n',
    jsonb '{"execution_id": 3, "found": false, "execution": null, "queue": null, "analysis": null,
            "notification": null, "image": null,
            "notes": ["not in the dashboard although n8n finished it: the next sweep''s reconcile (reconcile_window) or `sai-etl backfill --since` records it"]}',
    'missing in the dashboard but finished in n8n: the reconcile will record it'
);
SELECT is(
    (etl_execution_status(3) -> 'n8n') - 'started_at' - 'stopped_at',
    jsonb '{"reachable": true, "found": true, "watched": true, "status": "success",
            "workflow_id": "yDbfhooKemfhMIkC", "deleted_at": null, "has_data": true}',
    'n8n''s side is read through the link'
);
SELECT is(
    etl_execution_status(12) -> 'notes',
    jsonb '["not in the dashboard: its workflow otherWorkflow001 is not watched"]',
    'an unwatched workflow''s execution'
);
SELECT is(
    etl_execution_status(99) -> 'notes',
    jsonb '["neither the dashboard nor n8n has this execution"]',
    'an execution nobody has'
);

SELECT etl_reconcile(interval '100 years');
UPDATE etl_processing_queue
SET status = 'completed', attempts = 1, started_at = now(), completed_at = now(), processing_time_ms = 1234
WHERE execution_id = 3;
INSERT INTO execution_analysis (execution_id, analysis_source, alert_level, confidence_score, analysis_text, yolo_model_version)
VALUES (3, 'ollama', 'high', 0.88, 'Nivel de riesgo: ALTO', 'qwen2.5vl:7b');
INSERT INTO execution_images (execution_id, source, valid, invalid_reason) VALUES (3, 'binary', false, 'not an image');
INSERT INTO execution_notifications (execution_id, telegram_sent, telegram_message_id) VALUES (3, true, 1002);

SELECT is(
    etl_execution_status(3) -> 'notes',
    to_jsonb(ARRAY[
        format('Stage 2 completed at %s in 1234 ms', now()),
        'the analysis does not state: flame_detected, heat_signature_detected, processing_time_ms, smoke_detected',
        'image not usable: not an image',
        'Telegram: sent, message 1002',
        'the webhook request did not name its node_id and camera_id'
    ]),
    'a completed execution: what is missing and why'
);
SELECT is(
    etl_execution_status(3) @> jsonb '{"found": true, "execution": {"id": 3, "ingest_source": "reconcile"},
        "queue": {"status": "completed", "attempts": 1}, "analysis": {"risk_level": "high"},
        "image": {"valid": false}, "notification": {"telegram_message_id": 1002}}',
    true,
    'with every row'
);
SELECT ok(NOT (etl_execution_status(3) -> 'queue') ? 'claim_token', 'the claim token is not shown');

SELECT * FROM finish();
ROLLBACK;
