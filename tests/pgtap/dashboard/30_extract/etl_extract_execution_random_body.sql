-- Execution 10's body.image is base64 of random bytes, not an image. Extraction does not judge
-- the payload (the runner does, and records it invalid): it hands it over as a body image, and
-- the analysis and the Telegram alert of that execution still land.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS SELECT * FROM etl_extract_execution(10);

SELECT results_eq(
    $$SELECT outcome, image_source, octet_length(decode(image_base64, 'base64')), image_mime_type, image_file_name
      FROM extracted$$,
    $$VALUES ('ready'::text, 'body'::text, 3000, NULL::text, NULL::text)$$,
    'the random bytes are handed over as the body image'
);
SELECT results_eq(
    $$SELECT risk_level, confidence_score, smoke_detected, flame_detected, heat_signature_detected
      FROM execution_analysis WHERE execution_id = 10$$,
    $$VALUES ('low'::text, 0.700::numeric, false, false, NULL::boolean)$$,
    'its analysis (R4) lands'
);
SELECT results_eq(
    $$SELECT telegram_sent, telegram_message_id FROM execution_notifications WHERE execution_id = 10$$,
    $$VALUES (true, 1007::bigint)$$,
    'its Telegram alert lands'
);

SELECT * FROM finish();
ROLLBACK;
