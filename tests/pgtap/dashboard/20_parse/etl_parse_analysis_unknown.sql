-- No analysis means no facts: NULL, blank, refusals, unrelated text and an echoed prompt give one row
-- of all NULL, never false.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, NULL,
    NULL, NULL, NULL, NULL, NULL),
(2, '',
    NULL, NULL, NULL, NULL, NULL),
(3, E'  \n\t ',
    NULL, NULL, NULL, NULL, NULL),
(4, 'I cannot analyse this image.',
    NULL, NULL, NULL, NULL, NULL),
(5, 'I''m sorry, I can''t analyze this image because it is too dark.',
    NULL, NULL, NULL, NULL, NULL),
(6, 'The image is too blurry to determine whether smoke or fire is present.',
    NULL, NULL, NULL, NULL, NULL),
(7, 'Analyze this camera image for signs of wildfire. Report risk level, confidence, smoke, flame and heat.',
    NULL, NULL, NULL, NULL, NULL),
(8, 'Lo siento, no puedo analizar esta imagen.',
    NULL, NULL, NULL, NULL, NULL),
(9, 'The image shows a parking lot with cars. The sky is high and clear, with low clouds.',
    NULL, NULL, NULL, NULL, NULL),
(10, '{}',
    NULL, NULL, NULL, NULL, NULL),
(11, E'```json\n```',
    NULL, NULL, NULL, NULL, NULL),
(12, 'Determine si hay humo o fuego en la imagen.',
    NULL, NULL, NULL, NULL, NULL);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('unknown');

SELECT * FROM finish();
ROLLBACK;
