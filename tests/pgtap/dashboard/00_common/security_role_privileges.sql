-- What each of sai-etl's roles may do in sai_dashboard, read from the catalogs over every table,
-- view, sequence, function, schema, server and the database itself, and compared with the list
-- it should be: a future GRANT (to a role or to PUBLIC) fails this test until the list says so.
-- PUBLIC's privileges are listed once; each role's list holds what it has beyond them.
BEGIN;
SELECT plan(9);

\ir ../../include/privileges.sql

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
        ('function', 'public.etl_claim_charge(text, integer, double precision)', 'EXECUTE'),
        ('function', 'public.etl_claim_refund(text)', 'EXECUTE'),
        ('function', 'public.etl_complete(bigint, uuid, jsonb)', 'EXECUTE'),
        ('function', 'public.etl_count_n8n_finished(timestamp with time zone)', 'EXECUTE'),
        ('function', 'public.etl_data_quality_of_day(date)', 'EXECUTE'),
        ('function', 'public.etl_execution_status(bigint)', 'EXECUTE'),
        ('function', 'public.etl_extract_claimed_bundle(bigint, uuid, text)', 'EXECUTE'),
        ('function', 'public.etl_fail(bigint, uuid, text, boolean)', 'EXECUTE'),
        ('function', 'public.etl_health_json()', 'EXECUTE'),
        ('function', 'public.etl_heartbeat(text, text)', 'EXECUTE'),
        ('function', 'public.etl_image_files()', 'EXECUTE'),
        ('function', 'public.etl_image_prune_candidates(text)', 'EXECUTE'),
        ('function', 'public.etl_ingest_from_n8n(timestamp with time zone, bigint, integer, text, integer)', 'EXECUTE'),
        ('function', 'public.etl_maintenance()', 'EXECUTE'),
        ('function', 'public.etl_mark_images_pruned(text, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_n8n_link_health(interval)', 'EXECUTE'),
        ('function', 'public.etl_next_ready_in()', 'EXECUTE'),
        ('function', 'public.etl_prune_queue(integer)', 'EXECUTE'),
        ('function', 'public.etl_reap_expired_leases()', 'EXECUTE'),
        ('function', 'public.etl_reconcile(interval)', 'EXECUTE'),
        ('function', 'public.etl_record_image_store(text, text, bigint, bigint, bigint)', 'EXECUTE'),
        ('function', 'public.etl_refresh_data_quality(integer)', 'EXECUTE'),
        ('function', 'public.etl_release(bigint[], uuid[])', 'EXECUTE'),
        ('function', 'public.etl_renew_leases(bigint[], uuid[], double precision)', 'EXECUTE'),
        ('function', 'public.etl_reprocess(timestamp with time zone, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_reprocess_preview(timestamp with time zone, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_retry(text, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_retry_preview(text, bigint[])', 'EXECUTE'),
        ('function', 'public.etl_runner_pause(text, text)', 'EXECUTE'),
        ('function', 'public.etl_skip(bigint, uuid, text)', 'EXECUTE'),
        ('function', 'public.etl_sweep(integer, interval)', 'EXECUTE'),
        ('function', 'public.etl_xmin_horizon()', 'EXECUTE'),
        ('table', 'public.etl_alert_checks', 'SELECT'),
        ('table', 'public.etl_alerts', 'SELECT'),
        ('table', 'public.etl_data_quality', 'SELECT'),
        ('table', 'public.etl_data_quality_daily', 'SELECT'),
        ('table', 'public.etl_failed_items', 'SELECT'),
        ('table', 'public.etl_image_health', 'SELECT'),
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
