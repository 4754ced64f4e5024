-- An unsure, hypothetical or earlier-frame statement gives no value (etl_parse_assertions), in
-- English and Spanish, while the plain statements beside it still do (a hedged aside in brackets
-- leaves out only itself); answers such as "Sí" and a negated "could" are not taken for hedges or
-- conditions.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, 'Smoke could not be confirmed.',
    NULL, NULL, NULL, NULL, NULL),
(2, 'Smoke not confirmed. Flames: confirmed.',
    NULL, NULL, NULL, true, NULL),
(3, 'The thermal signature is consistent with a small fire.',
    NULL, NULL, NULL, NULL, NULL),
(4, 'Riesgo alto si continúa el viento.',
    NULL, NULL, NULL, NULL, NULL),
(5, 'Sí, hay humo. Llamas: sí.',
    NULL, NULL, true, true, NULL),
(6, 'No smoke could be seen; flames might be behind the ridge. Risk: low',
    'low', NULL, false, NULL, NULL),
(7, 'Smoke: possibly. Heat: yes.',
    NULL, NULL, NULL, NULL, true),
(8, 'The previous frame showed smoke; now there is none. Risk would be high with wind. Risk: medium',
    'medium', NULL, NULL, NULL, NULL),
(9, 'I would classify the risk as high: flames are visible.',
    'high', NULL, NULL, true, NULL),
(10, 'Quizás haya llamas; el humo es claramente visible. Riesgo: alto',
    'high', NULL, true, NULL, NULL),
(11, 'Smoke cannot be ruled out. Smoke-like haze on the left. Flames ruled out.',
    NULL, NULL, NULL, false, NULL),
(12, 'Humo: probable. Llamas: improbable. Hay mucho calor hoy.',
    NULL, NULL, NULL, NULL, NULL),
(13, 'Risk Level: Moderate (possible smoke). Flames (none). Confidence (0-1): 0.8',
    'medium', 0.8, NULL, false, NULL);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('hedges');

SELECT * FROM finish();
ROLLBACK;
