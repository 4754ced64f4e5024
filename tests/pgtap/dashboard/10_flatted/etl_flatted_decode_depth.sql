-- The decoder stops at p_max_depth nested containers (the target counts as 1) with 54000.
BEGIN;
SELECT plan(5);

-- chain(n): n arrays nested in each other, each one its own element.
CREATE TEMP TABLE chain ON COMMIT DROP AS
SELECT
    v.n,
    ('[' || string_agg(format('["%s"]', i.i + 1), ',' ORDER BY i.i) || ',[]]')::jsonb AS d
FROM (VALUES (64), (65)) AS v (n)
CROSS JOIN LATERAL generate_series(0, v.n - 2) AS i (i)
GROUP BY v.n;

SELECT is(etl_flatted_decode(d), (repeat('[', 64) || repeat(']', 64))::jsonb, '64 levels decode under the default bound')
FROM chain
WHERE n = 64;
SELECT throws_ok(
    $$SELECT etl_flatted_decode(d) FROM chain WHERE n = 65$$,
    '54000', 'flatted: nesting deeper than 64', '65 levels exceed the default bound'
);
SELECT
    is(
        etl_flatted_decode(d, p_max_depth => 65), (repeat('[', 65) || repeat(']', 65))::jsonb,
        'a larger bound lets them through'
    )
FROM chain
WHERE n = 65;
SELECT
    is(
        etl_flatted_decode(d, '{0,0}', 62), (repeat('[', 62) || repeat(']', 62))::jsonb,
        'depth is counted from the path target: 62 levels below {0,0}'
    )
FROM chain
WHERE n = 64;
SELECT throws_ok(
    $$SELECT etl_flatted_decode(d, '{0,0}', 61) FROM chain WHERE n = 64$$,
    '54000', 'flatted: nesting deeper than 61', 'which a bound of 61 stops'
);

SELECT * FROM finish();
ROLLBACK;
