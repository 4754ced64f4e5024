-- What each of sai-etl's roles may do in n8n's database, read from the catalogs over every table,
-- view, sequence, function, schema, server and the database itself, and compared with the list
-- it should be: a future GRANT (to a role or to PUBLIC) fails this test until the list says so.
-- PUBLIC's privileges are listed once; each role's list holds what it has beyond them.
BEGIN;
SELECT plan(8);

CREATE FUNCTION pg_temp.privileges(p_grantee text)
RETURNS TABLE (kind text, object text, privilege text)
LANGUAGE sql
AS $$
    WITH schemas AS (
        SELECT oid, nspname FROM pg_namespace
        WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          AND nspname !~ '^pg_(toast_)?temp_'
    ),
    -- pgTAP is test tooling installed into public by the test harness, not part of sai-etl.
    tooling AS (
        SELECT d.objid FROM pg_depend AS d JOIN pg_extension AS e ON e.oid = d.refobjid
        WHERE d.deptype = 'e' AND e.extname = 'pgtap'
    ),
    grantees (grantee) AS (VALUES (p_grantee), ('public')),
    held AS (
        SELECT g.grantee, 'table' AS kind, s.nspname || '.' || c.relname AS object, p.privilege
        FROM grantees AS g
        CROSS JOIN pg_class AS c
        JOIN schemas AS s ON s.oid = c.relnamespace
        CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
            AS p (privilege)
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.oid NOT IN (SELECT objid FROM tooling)
          AND CASE WHEN p.privilege IN ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
                   -- column grants count too
                   THEN has_any_column_privilege(g.grantee, c.oid, p.privilege)
                   ELSE has_table_privilege(g.grantee, c.oid, p.privilege) END
        UNION ALL
        SELECT g.grantee, 'sequence', s.nspname || '.' || c.relname, p.privilege
        FROM grantees AS g
        CROSS JOIN pg_class AS c
        JOIN schemas AS s ON s.oid = c.relnamespace
        CROSS JOIN unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) AS p (privilege)
        WHERE c.relkind = 'S' AND has_sequence_privilege(g.grantee, c.oid, p.privilege)
        UNION ALL
        SELECT g.grantee, 'function', format('%s.%s(%s)', s.nspname, f.proname, oidvectortypes(f.proargtypes)),
               'EXECUTE'
        FROM grantees AS g
        CROSS JOIN pg_proc AS f
        JOIN schemas AS s ON s.oid = f.pronamespace
        WHERE f.oid NOT IN (SELECT objid FROM tooling) AND has_function_privilege(g.grantee, f.oid, 'EXECUTE')
        UNION ALL
        SELECT g.grantee, 'schema', s.nspname, p.privilege
        FROM grantees AS g
        CROSS JOIN schemas AS s
        CROSS JOIN unnest(ARRAY['USAGE', 'CREATE']) AS p (privilege)
        WHERE has_schema_privilege(g.grantee, s.oid, p.privilege)
        UNION ALL
        SELECT g.grantee, 'server', v.srvname, 'USAGE'
        FROM grantees AS g CROSS JOIN pg_foreign_server AS v
        WHERE has_server_privilege(g.grantee, v.oid, 'USAGE')
        UNION ALL
        SELECT g.grantee, 'fdw', w.fdwname, 'USAGE'
        FROM grantees AS g CROSS JOIN pg_foreign_data_wrapper AS w
        WHERE has_foreign_data_wrapper_privilege(g.grantee, w.oid, 'USAGE')
        UNION ALL
        SELECT g.grantee, 'database', 'current', p.privilege
        FROM grantees AS g CROSS JOIN unnest(ARRAY['CONNECT', 'TEMPORARY', 'CREATE']) AS p (privilege)
        WHERE has_database_privilege(g.grantee, current_database(), p.privilege)
    )
    SELECT kind, object, privilege FROM held WHERE grantee = p_grantee
    EXCEPT
    SELECT kind, object, privilege FROM held WHERE grantee = 'public' AND p_grantee <> 'public'
    ORDER BY 1, 2, 3
$$;

SELECT results_eq(
    $$SELECT * FROM pg_temp.privileges('public')$$,
    $$VALUES
        ('database', 'current', 'CONNECT'),
        ('database', 'current', 'TEMPORARY'),
        ('function', 'public.increment_workflow_version()', 'EXECUTE'),
        ('function', 'public.uuid_generate_v1()', 'EXECUTE'),
        ('function', 'public.uuid_generate_v1mc()', 'EXECUTE'),
        ('function', 'public.uuid_generate_v3(uuid, text)', 'EXECUTE'),
        ('function', 'public.uuid_generate_v4()', 'EXECUTE'),
        ('function', 'public.uuid_generate_v5(uuid, text)', 'EXECUTE'),
        ('function', 'public.uuid_nil()', 'EXECUTE'),
        ('function', 'public.uuid_ns_dns()', 'EXECUTE'),
        ('function', 'public.uuid_ns_oid()', 'EXECUTE'),
        ('function', 'public.uuid_ns_url()', 'EXECUTE'),
        ('function', 'public.uuid_ns_x500()', 'EXECUTE'),
        ('schema', 'public', 'USAGE')$$,
    'PUBLIC: the PostgreSQL defaults and n8n''s own functions; nothing of schema sai_etl (dblink included)'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.privileges('sai_etl_reader')$$,
    $$VALUES
        ('schema', 'sai_etl', 'USAGE'),
        ('table', 'public.binary_data', 'SELECT'),
        ('table', 'public.execution_data', 'SELECT'),
        ('table', 'public.execution_entity', 'SELECT'),
        ('table', 'sai_etl.outbox', 'SELECT'),
        ('table', 'sai_etl.watched_workflows', 'SELECT')$$,
    'sai_etl_reader (the dashboard''s link): SELECT on the five tables Stage 2 and the reconcile read, nothing else'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.privileges('sai_etl_runner')$$,
    $$VALUES
        ('function', 'sai_etl.drain_outbox(integer)', 'EXECUTE'),
        ('schema', 'sai_etl', 'USAGE'),
        ('table', 'sai_etl.outbox', 'SELECT')$$,
    'sai_etl_runner: the outbox drain and reading the outbox (the sweep counts what is left), nothing else'
);
SELECT is_empty(
    $$SELECT * FROM pg_temp.privileges('sai_etl_ingest')$$,
    'sai_etl_ingest (the link into the dashboard) holds nothing here'
);

SELECT is_empty(
    $$SELECT m.rolname, g.rolname FROM pg_auth_members AS a
      JOIN pg_roles AS m ON m.oid = a.member
      JOIN pg_roles AS g ON g.oid = a.roleid
      WHERE m.rolname LIKE 'sai\_etl\_%'
        AND NOT (g.rolname IN ('sai_etl_ingest', 'sai_etl_reader') AND m.rolname LIKE g.rolname || '\_%')$$,
    'sai-etl''s roles belong to no role but their link group (no pg_read_all_data and the like)'
);
SELECT results_eq(
    $$SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid WHERE rolname = 'sai_etl_reader'$$,
    $$VALUES (false, true)$$,
    'sai_etl_reader, the link''s group, cannot log in and holds no password (not one from an older install)'
);
SELECT is_empty(
    $$SELECT m.rolname, p.* FROM pg_auth_members AS a
      JOIN pg_roles AS m ON m.oid = a.member
      JOIN pg_roles AS g ON g.oid = a.roleid
      CROSS JOIN LATERAL (
          SELECT * FROM pg_temp.privileges(m.rolname) EXCEPT SELECT * FROM pg_temp.privileges(g.rolname)
      ) AS p
      WHERE g.rolname = 'sai_etl_reader'$$,
    'the role each link logs in as holds exactly its group''s privileges'
);
SELECT ok(
    EXISTS (SELECT FROM pg_auth_members WHERE roleid = 'sai_etl_reader'::regrole),
    'this database''s link logs in as a member of sai_etl_reader'
);
SELECT * FROM finish();
ROLLBACK;
