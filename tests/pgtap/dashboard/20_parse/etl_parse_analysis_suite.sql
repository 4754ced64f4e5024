-- The adversarial suite (tests/fixtures/parse-analysis/suite.tsv, 188 responses in English and
-- Spanish: negation scope, questions and field lists, zero/n/a/unknown, hedges, conditionals and
-- other uses of the words, withdrawn alarms, scales and ranges, JSON shapes): every field of every
-- response is the value the text states, and NULL where it states none.
BEGIN;
\ir ../../include/parse_suite.sql

SELECT plan(count(*)::integer + 1) FROM parse_suite;

SELECT ok(
    (SELECT count(*) FROM parse_suite) >= 150
        AND (SELECT count(DISTINCT category) FROM parse_suite) >= 9
        AND (SELECT count(*) FROM parse_suite WHERE lang = 'es') >= 30,
    'the suite has at least 150 responses, nine categories and Spanish ones'
);

SELECT results_eq(
    format('SELECT * FROM etl_parse_analysis(%L)', s.response),
    format(
        'VALUES (%L::text, %L::numeric, %L::boolean, %L::boolean, %L::boolean)',
        s.risk_level, s.confidence_score, s.smoke_detected, s.flame_detected, s.heat_signature_detected
    ),
    format('%s %s: %s', s.id, s.category, left(regexp_replace(s.response, '\s+', ' ', 'g'), 70))
)
FROM parse_suite AS s
ORDER BY s.id;

SELECT * FROM finish();
ROLLBACK;
