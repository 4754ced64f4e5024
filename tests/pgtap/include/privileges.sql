-- pg_temp.privileges(grantee): what a role may do in this database beyond PUBLIC (or PUBLIC's own
-- list), read from the catalogs. Included by both databases' security_role_privileges.sql (\ir).

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
