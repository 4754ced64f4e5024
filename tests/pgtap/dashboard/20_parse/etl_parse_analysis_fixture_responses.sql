-- The six responses the real qwen2.5-vl workflow produced (tests/fixtures/n8n-1.123), verbatim.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(0, '{"risk_level": "high", "confidence": 0.91, "smoke_detected": true, "flame_detected": false, "heat_signature_detected": false, "description": "Dense grey smoke column rising behind the ridge."}',
    'high', 0.91, true, false, false),
(1, 'Risk level: none. No smoke, flames or heat signatures are visible. Clear sky over the valley. Confidence: 96%',
    'none', 0.96, false, false, false),
(2, E'```json\n{"risk_level": "medium", "confidence": 0.64, "smoke_detected": true, "flame_detected": false}\n```',
    'medium', 0.64, true, false, NULL),
(3, 'Nivel de riesgo: ALTO. Se observa una columna de humo y llamas en la ladera norte. Confianza: 88%',
    'high', 0.88, true, true, NULL),
(4, 'The image shows morning fog in the valley; no smoke or fire is present. Risk: low. Confidence: 0.7',
    'low', 0.70, false, false, NULL),
(5, 'CRITICAL: active flames visible near the power line with heavy smoke. Confidence 0.97',
    'critical', 0.97, true, true, NULL);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('R');

SELECT * FROM finish();
ROLLBACK;
