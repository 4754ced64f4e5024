-- A re-extraction that finds less than an earlier one (n8n's data changed, the workflow's nodes
-- were overridden, a reprocess) removes what is no longer found: the result equals a first
-- extraction.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE clean ON COMMIT DROP AS SELECT * FROM etl_extract_execution(11);
CREATE TEMP TABLE clean_notification ON COMMIT DROP AS
SELECT telegram_sent, telegram_message_id, telegram_chat_id, telegram_error
FROM execution_notifications WHERE execution_id = 11;

-- What an earlier extraction might have left: an analysis, other ids, a sent alert.
INSERT INTO execution_analysis (
    execution_id, analysis_source, alert_level, confidence_score, analysis_text, raw_response, extracted_at
)
VALUES (11, 'ollama', 'high', 0.9, 'stale', '{}', now());
UPDATE executions SET node_id = 'NODE_999', device_id = 'NODE_999', camera_id = 'stale' WHERE id = 11;
UPDATE execution_notifications
SET telegram_sent = true, telegram_message_id = 999, telegram_chat_id = '1', telegram_error = NULL
WHERE execution_id = 11;
CREATE TEMP TABLE again ON COMMIT DROP AS SELECT * FROM etl_extract_execution(11);

SELECT is_empty($$SELECT FROM execution_analysis WHERE execution_id = 11$$, 'the stale analysis row is removed');
SELECT results_eq(
    $$SELECT node_id, camera_id FROM executions WHERE id = 11$$,
    $$VALUES ('NODE_001'::text, 'cam_x'::text)$$,
    'the ids are what n8n has'
);
SELECT results_eq(
    $$SELECT telegram_sent, telegram_message_id, telegram_chat_id, telegram_error
      FROM execution_notifications WHERE execution_id = 11$$,
    $$SELECT * FROM clean_notification$$,
    'the notification equals a first extraction''s'
);

SELECT * FROM finish();
ROLLBACK;
