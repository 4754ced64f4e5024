-- Every fixture execution whose model answered gets exactly the analysis the fixtures README
-- lists (R0-R5, model, Ollama's total_duration in ms, NULL where the answer is silent); the two
-- errors (11: the Ollama node failed on its expression, 13: Ollama was down) get no row.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 18;

CREATE TEMP TABLE response (label, analysis_text) ON COMMIT DROP AS VALUES
('R0', '{"risk_level": "high", "confidence": 0.91, "smoke_detected": true, "flame_detected": false, '
    || '"heat_signature_detected": false, "description": "Dense grey smoke column rising behind the ridge."}'),
('R1', 'Risk level: none. No smoke, flames or heat signatures are visible. Clear sky over the valley. '
    || 'Confidence: 96%'),
('R2', E'```json\n{"risk_level": "medium", "confidence": 0.64, "smoke_detected": true, "flame_detected": false}\n```'),
('R3', 'Nivel de riesgo: ALTO. Se observa una columna de humo y llamas en la ladera norte. Confianza: 88%'),
('R4', 'The image shows morning fog in the valley; no smoke or fire is present. Risk: low. Confidence: 0.7'),
('R5', 'CRITICAL: active flames visible near the power line with heavy smoke. Confidence 0.97');

SELECT results_eq(
    $$SELECT a.execution_id, r.label, a.risk_level, a.confidence_score, a.model_version, a.smoke_detected,
             a.flame_detected, a.heat_signature_detected, a.processing_time_ms
      FROM execution_analysis AS a LEFT JOIN response AS r USING (analysis_text)
      WHERE a.execution_id <= 18 ORDER BY a.execution_id$$,
    $$VALUES
        (1::bigint, 'R1'::text, 'none'::text, 0.960::numeric, 'qwen2.5vl:7b'::text, false, false, false, 4123::bigint),
        (2, 'R2', 'medium', 0.640, 'qwen2.5vl:7b', true, false, NULL, 4123),
        (3, 'R3', 'high', 0.880, 'qwen2.5vl:7b', true, true, NULL, 4123),
        (4, 'R4', 'low', 0.700, 'qwen2.5vl:7b', false, false, NULL, 4123),
        (5, 'R5', 'critical', 0.970, 'qwen2.5vl:7b', true, true, NULL, 4123),
        (6, 'R0', 'high', 0.910, 'qwen2.5vl:7b', true, false, false, 4123),
        (7, 'R1', 'none', 0.960, 'qwen2.5vl:7b', false, false, false, 4123),
        (8, 'R2', 'medium', 0.640, 'qwen2.5vl:7b', true, false, NULL, 4123),
        (9, 'R3', 'high', 0.880, 'qwen2.5vl:7b', true, true, NULL, 4123),
        (10, 'R4', 'low', 0.700, 'qwen2.5vl:7b', false, false, NULL, 4123),
        (14, 'R0', 'high', 0.910, 'qwen2.5vl:7b', true, false, false, 4123),
        (15, 'R1', 'none', 0.960, 'qwen2.5vl:7b', false, false, false, 4123),
        (16, 'R2', 'medium', 0.640, 'qwen2.5vl:7b', true, false, NULL, 4123),
        (17, 'R3', 'high', 0.880, 'qwen2.5vl:7b', true, true, NULL, 4123),
        (18, 'R4', 'low', 0.700, 'qwen2.5vl:7b', false, false, NULL, 4123)$$,
    'the README''s analysis for each answered execution, and no row for 11 and 13'
);

SELECT is(
    (SELECT raw_response FROM execution_analysis WHERE execution_id = 1),
    '{"done": true, "model": "qwen2.5vl:7b", "response": "Risk level: none. No smoke, flames or heat signatures '
    'are visible. Clear sky over the valley. Confidence: 96%", "created_at": "2026-11-28T13:33:23.000000Z", '
    '"eval_count": 57, "done_reason": "stop", "eval_duration": 1900000000, "load_duration": 51234567, '
    '"total_duration": 4123456790, "prompt_eval_count": 1289, "prompt_eval_duration": 2100000000}'::jsonb,
    'raw_response is the Ollama node''s whole output json, decoded'
);

SELECT is(
    (SELECT count(*)::integer FROM execution_analysis
     WHERE execution_id <= 18
       AND (raw_response ->> 'response', raw_response ->> 'model', round((raw_response ->> 'total_duration')::numeric / 1e6))
           IS NOT DISTINCT FROM (analysis_text, model_version, processing_time_ms::numeric)),
    15,
    'analysis_text, model_version and processing_time_ms come from that output'
);

SELECT * FROM finish();
ROLLBACK;
