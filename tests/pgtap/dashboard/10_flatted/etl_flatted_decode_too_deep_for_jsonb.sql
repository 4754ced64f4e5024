-- Output deeper than the jsonb parser's stack holds fails with 54001 and a flatted message; the
-- decoder itself is iterative, so it is never what exhausts the stack.
BEGIN;
SELECT plan(1);

SET LOCAL max_stack_depth = '100kB';

CREATE TEMP TABLE chain ON COMMIT DROP AS
SELECT ('[' || string_agg(format('["%s"]', i + 1), ',' ORDER BY i) || ',[]]')::jsonb AS d
FROM generate_series(0, 2998) AS i;

SELECT throws_ok(
    $$SELECT etl_flatted_decode(d, p_max_depth => 5000) FROM chain$$,
    '54001', 'flatted: nesting too deep', '3000 nested arrays under a 100 kB stack'
);

SELECT * FROM finish();
ROLLBACK;
