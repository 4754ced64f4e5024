-- The contract the ETL relies on: signature and result columns, IMMUTABLE and PARALLEL SAFE for the
-- function and every helper it calls, and a comment on each.
BEGIN;
SELECT plan(5);

SELECT has_function('public', 'etl_parse_analysis', ARRAY['text'], 'etl_parse_analysis(text) exists');

SELECT is(
    pg_get_function_result('etl_parse_analysis(text)'::regprocedure),
    'TABLE(risk_level text, confidence_score numeric, smoke_detected boolean, flame_detected boolean, '
    'heat_signature_detected boolean)',
    'it returns the five analysis columns'
);

SELECT volatility_is('public', 'etl_parse_analysis', ARRAY['text'], 'immutable', 'etl_parse_analysis is IMMUTABLE');

SELECT is_empty(
    $$SELECT p.oid::regprocedure::text
      FROM pg_proc AS p
      WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'etl\_parse\_%'
        AND (p.provolatile <> 'i' OR p.proparallel <> 's')$$,
    'every etl_parse_* function is IMMUTABLE and PARALLEL SAFE'
);

SELECT is_empty(
    $$SELECT p.oid::regprocedure::text
      FROM pg_proc AS p
      WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'etl\_parse\_%'
        AND obj_description(p.oid, 'pg_proc') IS NULL$$,
    'every etl_parse_* function has a comment'
);

SELECT * FROM finish();
ROLLBACK;
