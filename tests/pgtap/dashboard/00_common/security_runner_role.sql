-- The runner's role calls the Stage 2, sweep and retry functions, and nothing else: it cannot
-- write (or read) a table directly, read n8n's tables through the link, call the ingest or a
-- helper function, create objects, or see the link's password.
BEGIN;
SELECT plan(21);

SET LOCAL ROLE sai_etl_runner;
SELECT lives_ok($$SELECT * FROM etl_claim('security-test', 5, 30)$$, 'etl_claim');
SELECT lives_ok($$SELECT etl_complete(-1, gen_random_uuid(), NULL)$$, 'etl_complete');
SELECT lives_ok($$SELECT etl_fail(-1, gen_random_uuid(), 'test', true)$$, 'etl_fail');
SELECT lives_ok($$SELECT etl_skip(-1, gen_random_uuid(), 'test')$$, 'etl_skip');
SELECT lives_ok($$SELECT etl_release('{-1}', ARRAY[gen_random_uuid()])$$, 'etl_release');
SELECT lives_ok($$SELECT etl_renew_leases('{-1}', ARRAY[gen_random_uuid()], 30)$$, 'etl_renew_leases');
SELECT lives_ok($$SELECT etl_retry('failed', '{-1}')$$, 'etl_retry');
SELECT lives_ok($$SELECT etl_reprocess(NULL, '{-1}')$$, 'etl_reprocess');
SELECT lives_ok($$SELECT etl_reap_expired_leases()$$, 'etl_reap_expired_leases');
SELECT lives_ok($$SELECT etl_next_ready_in()$$, 'etl_next_ready_in');
SELECT lives_ok($$SELECT count(*) FROM etl_queue_health$$, 'the health views');
SELECT lives_ok($$SELECT * FROM etl_sweep(0, '1 minute')$$, 'etl_sweep (reads n8n through the definer''s link)');

SELECT throws_ok(
    $$INSERT INTO executions (id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
                              timing_complete, ingest_source)
      VALUES (1, 'wf', now(), now(), 0, 'success', 'webhook', true, 'trigger')$$,
    '42501', 'permission denied for table executions', 'no INSERT into executions'
);
SELECT throws_ok(
    $$UPDATE etl_processing_queue SET status = 'completed'$$,
    '42501', 'permission denied for table etl_processing_queue', 'no UPDATE of the queue'
);
SELECT throws_ok(
    $$DELETE FROM execution_analysis$$,
    '42501', 'permission denied for table execution_analysis', 'no DELETE from execution_analysis'
);
SELECT throws_ok(
    $$SELECT data FROM n8n.execution_data$$,
    '42501', 'permission denied for schema n8n', 'no direct read of n8n''s tables'
);
SELECT throws_ok(
    $$SELECT etl_ingest_execution(1, 'wf', 'success', 'webhook', NULL, now(), now(), now())$$,
    '42501', 'permission denied for function etl_ingest_execution', 'not the ingest function'
);
SELECT throws_ok(
    $$SELECT etl_flatted_parse('[{}]')$$,
    '42501', 'permission denied for function etl_flatted_parse', 'not the helpers'
);
SELECT throws_ok(
    $$CREATE TABLE public.runner_table (x integer)$$,
    '42501', 'permission denied for schema public', 'no objects in public'
);
SELECT throws_ok(
    $$CREATE USER MAPPING FOR CURRENT_USER SERVER sai_n8n OPTIONS (user 'postgres')$$,
    '42501', 'permission denied for foreign server sai_n8n', 'no own mapping onto the n8n link'
);
SELECT results_eq(
    $$SELECT count(*)::integer, bool_and(umoptions IS NULL) FROM pg_user_mappings WHERE srvname = 'sai_n8n'$$,
    $$VALUES (1, true)$$,
    'the n8n link''s user mapping is there, its options (the password) hidden'
);
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
