-- Every SECURITY DEFINER function of sai-etl's (dblink's own aside) pins its search_path, and n8n's roles cannot
-- call the delivery functions directly.
BEGIN;
SELECT plan(3);

SELECT is_empty(
    $$SELECT p.proname FROM pg_proc AS p
      WHERE p.pronamespace = 'sai_etl'::regnamespace AND p.prosecdef
        AND NOT EXISTS (SELECT FROM pg_depend AS d WHERE d.objid = p.oid AND d.deptype = 'e')
        AND NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, sai_etl, pg_temp'], false)$$,
    'SECURITY DEFINER functions pin search_path'
);
SELECT ok(
    NOT has_function_privilege('public', 'sai_etl.deliver(integer, text, text, text, text, timestamptz, timestamptz, timestamptz)', 'EXECUTE'),
    'deliver is not callable by PUBLIC'
);
SELECT ok(
    NOT has_function_privilege('public', 'sai_etl.drain_outbox(integer)', 'EXECUTE'),
    'drain_outbox is not callable by PUBLIC'
);

SELECT * FROM finish();
ROLLBACK;
