-- A JSON answer is read by its keys, whatever spelling, language and value forms the model chose;
-- absent keys stay NULL and the free text around or inside it is not read.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, '{"riskLevel": "ALTO", "confianza": "87%", "humo": "sí", "llamas": "no", "calor": 0}',
    'high', 0.87, true, false, false),
(2, '{"risk": "Moderate", "confidence_score": 87, "smoke": "yes", "fire": "no"}',
    'medium', 0.87, true, false, NULL),
(3, '{"nivel_riesgo": "crítico", "confidence": "0,87", "smoke_detected": "true", "flames": 1, "heat_signature": "false"}',
    'critical', 0.87, true, true, false),
(4, '{"risk_level": "no risk", "confidence": 150, "smoke_detected": false}',
    'none', NULL, false, NULL, NULL),
(5, '{"Risk Level": "Low", "Confidence": -0.2, "Smoke Detected": "unknown", "Flame Detected": null}',
    'low', NULL, NULL, NULL, NULL),
(6, 'Here is my analysis: {"nivel_riesgo": "bajo", "confianza": 60, "humo": false, "fuego": false, "calor": false} Let me know if you need more.',
    'low', 0.6, false, false, false),
(7, E'```\n{"riskLevel": "Critical", "confidence": "93%", "smoke": "yes", "flames": "yes", "heat": true}\n```',
    'critical', 0.93, true, true, true),
(8, '{"analysis": {"risk_level": "high", "confidence": 0.8, "smoke_detected": true}}',
    'high', 0.8, true, NULL, NULL),
(9, '[{"risk_level": "medium", "confidence": 0.61, "flame_detected": true}]',
    'medium', 0.61, NULL, true, NULL),
(10, '{"risk_level": "high", "confidence": 0.9, "description": "no smoke, no flames"}',
    'high', 0.9, NULL, NULL, NULL),
(11, '{"camera": "cam_3", "status": "ok"} Risk: low. No smoke visible. Confidence: 80%',
    'low', 0.8, false, NULL, NULL),
(12, '{"riesgo": "medio", "confianza": "88 %", "presencia_de_humo": "no", "firma_termica": "sí"}',
    'medium', 0.88, false, NULL, true),
(13, '{"risk_level": "Very High", "confidence": 1, "has_smoke": true, "flames_visible": "yes", "thermal_anomaly": "detected"}',
    'high', 1, true, true, true),
(14, '{"risk_level": 3, "confidence": "high", "smoke_detected": "maybe"}',
    NULL, NULL, NULL, NULL, NULL),
(15, '{"risk_level": "medium-high", "confidence": 7e-1, "smoke_detected": 0}',
    NULL, 0.7, false, NULL, NULL),
(16, '{"risk_level": "high", "confidence": 0.9, "smoke_detected": true, "flame_detected": true, "heat_signature_detected": "unknown"}',
    'high', 0.9, true, true, NULL),
(17, '{"risk": "moderate", "confidence_score": 0.5}',
    'medium', 0.5, NULL, NULL, NULL),
(18, '{"smoke_detected": "not sure", "flame_detected": "no data", "heat_signature_detected": "none visible"}',
    NULL, NULL, NULL, NULL, false);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('json');

SELECT * FROM finish();
ROLLBACK;
