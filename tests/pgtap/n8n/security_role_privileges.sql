-- What each of sai-etl's roles may do in n8n's database, read from the catalogs over every table,
-- view, sequence, function, schema, server and the database itself, and compared with the list
-- it should be: a future GRANT (to a role or to PUBLIC) fails this test until the list says so.
-- PUBLIC's privileges are listed once; each role's list holds what it has beyond them.
BEGIN;
SELECT plan(8);

\ir ../include/privileges.sql

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
