-- The dashboard's link into n8n's database reads exactly the five tables Stage 2 and the
-- reconcile need: not n8n's workflows, credentials, users or settings; it writes nothing, calls
-- nothing (dblink included) and cannot see the other link's password.
BEGIN;
SELECT plan(19);

SET LOCAL ROLE sai_etl_reader;
SELECT lives_ok($$SELECT count(*) FROM public.execution_entity$$, 'reads execution_entity');
SELECT lives_ok($$SELECT count(*) FROM public.execution_data$$, 'reads execution_data');
SELECT lives_ok($$SELECT count(*) FROM public.binary_data$$, 'reads binary_data');
SELECT lives_ok($$SELECT count(*) FROM sai_etl.watched_workflows$$, 'reads sai_etl.watched_workflows');
SELECT lives_ok($$SELECT count(*) FROM sai_etl.outbox$$, 'reads sai_etl.outbox');

SELECT throws_ok(
    $$SELECT nodes FROM public.workflow_entity$$,
    '42501', 'permission denied for table workflow_entity', 'not workflow_entity'
);
SELECT throws_ok(
    $$SELECT data FROM public.credentials_entity$$,
    '42501', 'permission denied for table credentials_entity', 'not credentials_entity'
);
SELECT throws_ok(
    $$SELECT email, password FROM public."user"$$,
    '42501', 'permission denied for table user', 'not user'
);
SELECT throws_ok(
    $$SELECT value FROM public.settings$$,
    '42501', 'permission denied for table settings', 'not n8n''s settings'
);
SELECT throws_ok(
    $$SELECT value FROM sai_etl.settings$$,
    '42501', 'permission denied for table settings', 'not sai_etl.settings'
);
SELECT throws_ok(
    $$UPDATE public.execution_entity SET status = 'canceled'$$,
    '42501', 'permission denied for table execution_entity', 'no UPDATE of execution_entity'
);
SELECT throws_ok(
    $$DELETE FROM public.execution_data$$,
    '42501', 'permission denied for table execution_data', 'no DELETE from execution_data'
);
SELECT throws_ok(
    $$INSERT INTO sai_etl.outbox (execution_id, workflow_id, status, mode) VALUES (1, 'w', 'success', 'webhook')$$,
    '42501', 'permission denied for table outbox', 'no INSERT into the outbox'
);
SELECT throws_ok(
    $$TRUNCATE sai_etl.watched_workflows$$,
    '42501', 'permission denied for table watched_workflows', 'no TRUNCATE of watched_workflows'
);
SELECT throws_ok(
    $$SELECT sai_etl.dblink_connect('probe', 'host=localhost dbname=postgres')$$,
    '42501', 'permission denied for function dblink_connect', 'no dblink (no connections from the server)'
);
SELECT throws_ok(
    $$SELECT sai_etl.watch_workflow('abc')$$,
    '42501', 'permission denied for function watch_workflow', 'no watch_workflow'
);
SELECT throws_ok(
    $$SELECT sai_etl.drain_outbox()$$,
    '42501', 'permission denied for function drain_outbox', 'no drain_outbox'
);
SELECT throws_ok(
    $$CREATE TABLE sai_etl.reader_table (x integer)$$,
    '42501', 'permission denied for schema sai_etl', 'no objects in sai_etl'
);
SELECT results_eq(
    $$SELECT count(*)::integer, bool_and(umoptions IS NULL) FROM pg_user_mappings WHERE srvname = 'sai_dashboard'$$,
    $$VALUES (1, true)$$,
    'the dashboard link''s user mapping is there, its options (the password) hidden'
);
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
