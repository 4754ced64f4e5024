-- Every SECURITY DEFINER function pins search_path with pg_catalog first and pg_temp last, and
-- no etl_ function is executable by PUBLIC unless it is harmless.
BEGIN;
SELECT plan(2);

SELECT is_empty(
    $$SELECT p.proname FROM pg_proc AS p
      WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
        AND NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, public, pg_temp'], false)$$,
    'SECURITY DEFINER functions pin search_path'
);
SELECT is_empty(
    $$SELECT p.proname FROM pg_proc AS p
      WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
        AND has_function_privilege('public', p.oid, 'EXECUTE')$$,
    'no SECURITY DEFINER function is executable by PUBLIC'
);

SELECT * FROM finish();
ROLLBACK;
