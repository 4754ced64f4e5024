-- The etl_parse_analysis case tests' table and check. A test includes this (\ir), inserts its
-- responses with their true values into parse_case, plans one test per row, and runs
-- pg_temp.parse_cases_check(label): one results_eq per response, named label #id and its start.
CREATE TEMP TABLE parse_case (
    id integer,
    response text,
    risk_level text,
    confidence_score numeric,
    smoke_detected boolean,
    flame_detected boolean,
    heat_signature_detected boolean
) ON COMMIT DROP;

CREATE FUNCTION pg_temp.parse_cases_check(p_label text)
RETURNS SETOF text
LANGUAGE sql
AS $$
    SELECT results_eq(
        format('SELECT * FROM etl_parse_analysis(%L)', c.response),
        format(
            'VALUES (%L::text, %L::numeric, %L::boolean, %L::boolean, %L::boolean)',
            c.risk_level, c.confidence_score, c.smoke_detected, c.flame_detected,
            c.heat_signature_detected
        ),
        format('%s #%s: %s', p_label, c.id, left(regexp_replace(c.response, '\s+', ' ', 'g'), 70))
    )
    FROM pg_temp.parse_case AS c
    ORDER BY c.id
$$;
