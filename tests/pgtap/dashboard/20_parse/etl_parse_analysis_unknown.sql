-- No analysis means no facts: NULL, blank, refusals, unrelated text and an echoed prompt give one row
-- of all NULL, never false.
BEGIN;

CREATE TEMP TABLE parse_case (
    id integer,
    response text,
    risk_level text,
    confidence_score numeric,
    smoke_detected boolean,
    flame_detected boolean,
    heat_signature_detected boolean
) ON COMMIT DROP;

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

SELECT results_eq(
    format('SELECT * FROM etl_parse_analysis(%L)', c.response),
    format(
        'VALUES (%L::text, %L::numeric, %L::boolean, %L::boolean, %L::boolean)',
        c.risk_level, c.confidence_score, c.smoke_detected, c.flame_detected, c.heat_signature_detected
    ),
    format('%s #%s: %s', 'unknown', c.id, left(regexp_replace(c.response, '\s+', ' ', 'g'), 70))
)
FROM parse_case AS c
ORDER BY c.id;

SELECT * FROM finish();
ROLLBACK;
