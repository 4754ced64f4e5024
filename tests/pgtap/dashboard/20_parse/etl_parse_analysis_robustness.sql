-- Any text gives exactly one row and never an error: broken JSON falls back to the text rules,
-- hostile sizes and shapes stay cheap, and the function runs inside parallel workers.
BEGIN;
SELECT plan(13);

SELECT results_eq(
    $$SELECT * FROM etl_parse_analysis(
        E'```json\n{"risk_level": "high", "confidence": 0.9, smoke_detected: true\n```\nRisk: high. Heavy smoke. Confidence: 90%'
    )$$,
    $$VALUES ('high'::text, 0.9::numeric, true, NULL::boolean, NULL::boolean)$$,
    'invalid JSON in a fence falls back to the text rules'
);

SELECT results_eq(
    $$SELECT * FROM etl_parse_analysis('{"risk_level": "high", "confidence": 0.88, "smoke_detected": true,')$$,
    $$VALUES ('high'::text, 0.88::numeric, true, NULL::boolean, NULL::boolean)$$,
    'a truncated JSON answer is read as text'
);

SELECT results_eq(
    $$SELECT * FROM etl_parse_analysis('{"risk_level": "low", "note": "\u0000", "flames": "no"}')$$,
    $$VALUES ('low'::text, NULL::numeric, NULL::boolean, false, NULL::boolean)$$,
    'JSON that jsonb would refuse (\u0000) is not cast: its text is read'
);

SELECT results_eq(
    $$SELECT * FROM etl_parse_analysis(repeat('[', 5000) || repeat(']', 5000))$$,
    $$VALUES (NULL::text, NULL::numeric, NULL::boolean, NULL::boolean, NULL::boolean)$$,
    'JSON nested 5000 deep is not parsed'
);

SELECT results_eq(
    $$SELECT * FROM etl_parse_analysis('{"risk_level": "low", "confidence": 1e999, "x": ' || repeat('9', 20000) || '}')$$,
    $$VALUES ('low'::text, NULL::numeric, NULL::boolean, NULL::boolean, NULL::boolean)$$,
    'a number too long for numeric does not reach the cast; 1e999 is no confidence'
);

SELECT results_eq(
    $$SELECT * FROM etl_parse_analysis('Confidence: ' || repeat('9', 100000) || '%. Risk: low')$$,
    $$VALUES ('low'::text, NULL::numeric, NULL::boolean, NULL::boolean, NULL::boolean)$$,
    'a 100,000-digit confidence is NULL, not an overflow'
);

SELECT lives_ok(
    $$SELECT * FROM etl_parse_analysis(repeat('{', 20000) || ' risk: high ' || repeat('}', 20000))$$,
    '40,000 braces'
);

SELECT lives_ok(
    $$SELECT * FROM etl_parse_analysis(repeat('{"a": "}', 3000))$$,
    'many unbalanced objects'
);

SELECT lives_ok(
    $$SELECT * FROM etl_parse_analysis(repeat('no smoke, flames or heat ', 20000))$$,
    'half a megabyte of negated lists'
);

SELECT lives_ok(
    $$SELECT * FROM etl_parse_analysis(repeat('risk of fire is very very ', 5000) || repeat(' ', 100000))$$,
    'long label chains and whitespace'
);

SELECT lives_ok(
    $$SELECT * FROM etl_parse_analysis(repeat(E'```', 5000) || repeat(E'\u00e1\u00f1\u201c', 5000))$$,
    'fences and non-ASCII only'
);

SELECT is(
    (SELECT count(*) FROM etl_parse_analysis('{"camera": 3}')),
    1::bigint,
    'JSON with no analysis still gives one row'
);

-- In a parallel worker a subtransaction (an EXCEPTION block) would fail; this must not.
CREATE TABLE parse_parallel_probe AS
SELECT
    g AS id,
    CASE g % 3
        WHEN 0 THEN '{"risk_level": "high", "confidence": 0.9}'
        WHEN 1 THEN 'Risk: low. No smoke. Confidence: 80%'
        ELSE E'```json\n{"risk": "bajo"\n```'
    END AS response
FROM generate_series(1, 3000) AS g;

SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;

CREATE FUNCTION pg_temp.parse_parallel_plan() RETURNS SETOF text
LANGUAGE plpgsql AS $f$
BEGIN
    RETURN QUERY EXECUTE
        'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
         SELECT count(a.risk_level), count(a.confidence_score), count(a.smoke_detected)
         FROM parse_parallel_probe AS p CROSS JOIN LATERAL etl_parse_analysis(p.response) AS a';
END
$f$;

SELECT ok(
    EXISTS (SELECT 1 FROM pg_temp.parse_parallel_plan() AS line WHERE line ~ 'Workers Launched: [1-9]'),
    'parses 3000 responses (JSON, text, broken fence) inside parallel workers'
);

SELECT * FROM finish();
ROLLBACK;
