-- Confidence in free text: fraction, percentage, decimal comma, "n/10", before or after its label;
-- normalised to 0..1, and NULL when it is out of range or not a number.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, 'Risk: low. Confidence: 0,9',
    'low', 0.9, NULL, NULL, NULL),
(2, 'Risk: low. Confianza: 88%',
    'low', 0.88, NULL, NULL, NULL),
(3, 'Risk: low (confidence 0.75)',
    'low', 0.75, NULL, NULL, NULL),
(4, 'Risk: high. I am 80% confident.',
    'high', 0.8, NULL, NULL, NULL),
(5, 'Risk: high. Confidence: 8/10',
    'high', 0.8, NULL, NULL, NULL),
(6, 'Risk: high. Confidence: 120%',
    'high', NULL, NULL, NULL, NULL),
(7, 'Risk: high. Confidence: high',
    'high', NULL, NULL, NULL, NULL),
(8, 'Risk: medium. Confidence: 87',
    'medium', 0.87, NULL, NULL, NULL),
(9, 'Riesgo: medio. Nivel de confianza: 0.55',
    'medium', 0.55, NULL, NULL, NULL),
(10, 'Risk: low. Confidence: 99.5%',
    'low', 0.995, NULL, NULL, NULL),
(11, 'Risk: low. Confidence: 1',
    'low', 1, NULL, NULL, NULL),
(12, 'Risk: low. Confidence: 250',
    'low', NULL, NULL, NULL, NULL);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('confidence');

SELECT * FROM finish();
ROLLBACK;
