-- A re-extraction that finds no analysis (fixture 11: the Ollama node failed) leaves the
-- dashboard's false-positive labels where its users wrote them, and clears only sai-etl's facts.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;

-- An earlier analysis that a reviewer marked, as the dashboard writes its labels.
INSERT INTO execution_analysis (
    execution_id, analysis_source, alert_level, has_smoke, raw_response, extracted_at
) VALUES (11, 'ollama', 'high', true, '{}', now());
UPDATE execution_analysis
SET is_false_positive = true, false_positive_reason = 'fog', marked_false_positive_at = '2026-01-02 03:04Z',
    marked_by_user_id = 'sub-1', marked_by_email = 'a@example.org'
WHERE execution_id = 11;
CREATE TEMP TABLE again ON COMMIT DROP AS SELECT * FROM etl_extract_execution(11);

SELECT results_eq(
    $$SELECT is_false_positive, false_positive_reason, marked_false_positive_at, marked_by_user_id, marked_by_email
      FROM execution_analysis WHERE execution_id = 11$$,
    $$VALUES (true, 'fog'::text, '2026-01-02 03:04Z'::timestamptz, 'sub-1'::text, 'a@example.org'::text)$$,
    'the labels stay as the reviewer wrote them'
);
SELECT results_eq(
    $$SELECT analysis_source, alert_level, has_smoke, raw_response, extracted_at
      FROM execution_analysis WHERE execution_id = 11$$,
    $$VALUES (NULL::text, NULL::text, NULL::boolean, NULL::jsonb, NULL::timestamptz)$$,
    'the analysis it no longer finds is gone from the row'
);

-- An unlabelled row without an analysis is no row at all.
INSERT INTO execution_analysis (execution_id, analysis_source, alert_level, raw_response, extracted_at)
VALUES (13, 'ollama', 'low', '{}', now());
CREATE TEMP TABLE again13 ON COMMIT DROP AS SELECT * FROM etl_extract_execution(13);
SELECT is_empty($$SELECT FROM execution_analysis WHERE execution_id = 13$$, 'an unlabelled stale row is removed');

SELECT * FROM finish();
ROLLBACK;
