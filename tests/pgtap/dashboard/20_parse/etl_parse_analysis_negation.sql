-- Negation: a negated thing is false, for every thing in a negated list, in English and Spanish;
-- the negation stops at a contrast, a sentence end or a new phrase, and a positive mention wins. A
-- denied risk level is no level ("no hay riesgo alto"), while "no risk" is none.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, 'No smoke, flames or heat signatures are visible.',
    NULL, NULL, false, false, false),
(2, 'Smoke is visible, but there are no flames.',
    NULL, NULL, true, false, NULL),
(3, 'There is no smoke and no fire.',
    NULL, NULL, false, false, NULL),
(4, 'Without flames or smoke.',
    NULL, NULL, false, false, NULL),
(5, 'Neither smoke nor flames can be seen; a heat signature is present.',
    NULL, NULL, false, false, true),
(6, 'No se observa humo ni fuego.',
    NULL, NULL, false, false, NULL),
(7, 'Sin humo, sin llamas y sin calor.',
    NULL, NULL, false, false, false),
(8, 'Hay humo pero no llamas.',
    NULL, NULL, true, false, NULL),
(9, 'Smoke and flames are not visible.',
    NULL, NULL, false, false, NULL),
(10, 'No visible flames, heavy smoke rising from the valley.',
    NULL, NULL, true, false, NULL),
(11, 'I don''t see any smoke.',
    NULL, NULL, false, NULL, NULL),
(12, 'Smoke: not detected. Flames: detected. Heat: none.',
    NULL, NULL, false, true, false),
(13, 'There is no smoke visible, however there is a bright orange glow that could indicate flames. Risk level: high. Confidence: 0.6',
    'high', 0.6, false, NULL, NULL),
(14, 'Heat signatures indicate hot spots on the hillside, though no smoke or flames are visible yet. Risk: medium. Confidence: 77%',
    'medium', 0.77, false, false, true),
(15, 'Low risk. Some haze is visible but it appears to be fog rather than smoke. No flames detected. Confidence: 0.8',
    'low', 0.8, false, false, NULL),
(16, 'Without any visible smoke or flames, the risk is none. Confidence: 0.92',
    'none', 0.92, false, false, NULL),
(17, 'The smoke is not dense, but it is clearly smoke.',
    NULL, NULL, true, NULL, NULL),
(18, 'No fire risk detected, no smoke.',
    'none', NULL, false, NULL, NULL),
(19, 'The image shows a clear blue sky and green forest. There are no signs of fire or smoke. Risk: none (confidence 95%).',
    'none', 0.95, false, false, NULL),
(20, E'Smoke: no\nFire: no\nHeat: no\nRisk: none\nConfidence: 0.99',
    'none', 0.99, false, false, false),
(21, 'No smoke at the left edge, but heavy smoke on the right.',
    NULL, NULL, true, NULL, NULL),
(22, 'Nothing indicating fire or smoke.',
    NULL, NULL, false, false, NULL),
(23, 'Zero smoke detected.',
    NULL, NULL, false, NULL, NULL),
(24, 'Se descarta la presencia de humo. Fuego descartado. Heat has been ruled out.',
    NULL, NULL, false, false, false),
(25, 'No hay riesgo alto. There is no risk level provided. No high risk detected.',
    NULL, NULL, NULL, NULL, NULL),
(26, 'Sin riesgo aparente.',
    'none', NULL, NULL, NULL, NULL);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('negation');

SELECT * FROM finish();
ROLLBACK;
