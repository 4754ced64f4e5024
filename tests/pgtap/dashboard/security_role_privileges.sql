-- What each of sai-etl's roles may do in sai_dashboard, read from the catalogs over every table,
-- view, sequence, function, schema, server and the database itself, and compared with the list
-- it should be: a future GRANT (to a role or to PUBLIC) fails this test until the list says so.
-- PUBLIC's privileges are listed once; each role's list holds what it has beyond them.
BEGIN;
SELECT plan(9);

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
        ('function', 'public.postgres_fdw_disconnect(text)', 'EXECUTE'),
        ('function', 'public.postgres_fdw_disconnect_all()', 'EXECUTE'),
        ('function', 'public.postgres_fdw_get_connections()', 'EXECUTE'),
        ('function', 'public.postgres_fdw_handler()', 'EXECUTE'),
        ('function', 'public.postgres_fdw_validator(text[], oid)', 'EXECUTE'),
        ('schema', 'public', 'USAGE')$$,
    'PUBLIC: the PostgreSQL defaults and postgres_fdw''s own functions (they act on the caller''s connections only)'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.privileges('sai_etl_ingest')$$,
    $$VALUES
        ('function', 'public.etl_ingest_execution(bigint, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone, text, integer)', 'EXECUTE')$$,
    'sai_etl_ingest (n8n''s link): etl_ingest_execution, nothing else'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.privileges('sai_etl_runner')$$,
    $$VALUES
        ('function', 'public.etl_alert_evaluate(etl_queue_health, etl_pipeline_health)', 'EXECUTE'),
        ('function', 'public.etl_claim(text, integer, double precision)', 'EXECUTE'),
        ('function', 'public.etl_complete(bigint, uuid, jsonb)', 'EXECUTE'),
        ('function', 'public.etl_count_n8n_finished(timestamp with time zone)', 'EXECUTE'),
        ('function', 'public.etl_data_quality_of_day(date)', 'EXECUTE'),
        ('function', 'public.etl_execution_status(bigint)', 'EXECUTE'),
        ('function', 'public.etl_fail(bigint, uuid, text, boolean)', 'EXECUTE'),
        ('function', 'public.etl_health_json()', 'EXECUTE'),
        ('function', 'public.etl_heartbeat(text, text)', 'EXECUTE'),
        ('function', 'public.etl_ingest_from_n8n(timestamp with time zone, bigint, integer, text, integer)', 'EXECUTE'),
        ('function', 'public.etl_maintenance()', 'EXECUTE'),
        ('function', 'public.etl_n8n_link_health(interval)', 'EXECUTE'),
        ('function', 'public.etl_next_ready_in()', 'EXECUTE'),
        ('function', 'public.etl_prune_queue(integer)', 'EXECUTE'),
        ('function', 'public.etl_reap_expired_leases()', 'EXECUTE'),
        ('function', 'public.etl_reconcile(interval)', 'EXECUTE'),
        ('function', 'public.etl_refresh_data_quality(integer)', 'EXECUTE'),
        ('function', 'public.etl_release(bigint[], uuid[])', 'EXECUTE'),
        ('function', 'public.etl_renew_leases(bigint[], uuid[], double precision)', 'EXECUTE'),
        ('function', 'public.etl_reprocess(timestamp with time zone, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_retry(text, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_skip(bigint, uuid, text)', 'EXECUTE'),
        ('function', 'public.etl_sweep(integer, interval)', 'EXECUTE'),
        ('function', 'public.etl_xmin_horizon()', 'EXECUTE'),
        ('table', 'public.etl_alert_checks', 'SELECT'),
        ('table', 'public.etl_alerts', 'SELECT'),
        ('table', 'public.etl_data_quality', 'SELECT'),
        ('table', 'public.etl_data_quality_daily', 'SELECT'),
        ('table', 'public.etl_failed_items', 'SELECT'),
        ('table', 'public.etl_pipeline_health', 'SELECT'),
        ('table', 'public.etl_queue_health', 'SELECT')$$,
    'sai_etl_runner: the Stage 2 queue, sweep, retry and health functions, the health views; no table, '
    'no n8n.* foreign table'
);
SELECT is_empty(
    $$SELECT * FROM pg_temp.privileges('sai_etl_reader')$$,
    'sai_etl_reader (the link into n8n''s database) holds nothing here'
);
SELECT is_empty(
    $$SELECT rolname FROM pg_roles
      WHERE rolname LIKE 'sai\_etl\_%'
        AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)$$,
    'no sai-etl role is superuser or may create roles or databases, replicate or bypass row security'
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
    $$SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid WHERE rolname = 'sai_etl_ingest'$$,
    $$VALUES (false, true)$$,
    'sai_etl_ingest, the link''s group, cannot log in and holds no password (not one from an older install)'
);
SELECT is_empty(
    $$SELECT m.rolname, p.* FROM pg_auth_members AS a
      JOIN pg_roles AS m ON m.oid = a.member
      JOIN pg_roles AS g ON g.oid = a.roleid
      CROSS JOIN LATERAL (
          SELECT * FROM pg_temp.privileges(m.rolname) EXCEPT SELECT * FROM pg_temp.privileges(g.rolname)
      ) AS p
      WHERE g.rolname = 'sai_etl_ingest'$$,
    'the role each link logs in as holds exactly its group''s privileges'
);
SELECT ok(
    EXISTS (SELECT FROM pg_auth_members WHERE roleid = 'sai_etl_ingest'::regrole),
    'this database''s link logs in as a member of sai_etl_ingest'
);
SELECT * FROM finish();
ROLLBACK;
