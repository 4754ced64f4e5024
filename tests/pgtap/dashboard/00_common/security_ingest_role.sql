-- n8n's link role reaches the dashboard for etl_ingest_execution alone: no queue function, no
-- helper, no table, no n8n foreign table, no object of its own, no password of the other link.
BEGIN;
SELECT plan(8);

SET LOCAL ROLE sai_etl_ingest;
SELECT throws_ok(
    $$SELECT * FROM etl_claim('ingest', 1, 30)$$,
    '42501', 'permission denied for function etl_claim', 'no Stage 2 claim'
);
SELECT throws_ok(
    $$SELECT etl_retry('failed', NULL)$$,
    '42501', 'permission denied for function etl_retry', 'no retry'
);
SELECT throws_ok(
    $$SELECT * FROM etl_parse_analysis('smoke')$$,
    '42501', 'permission denied for function etl_parse_analysis', 'no helper'
);
SELECT throws_ok(
    $$UPDATE executions SET camera_id = 'x'$$,
    '42501', 'permission denied for table executions', 'no UPDATE of executions'
);
SELECT throws_ok(
    $$SELECT value FROM etl_settings$$,
    '42501', 'permission denied for table etl_settings', 'no read of the settings'
);
SELECT throws_ok(
    $$SELECT count(*) FROM n8n.watched_workflows$$,
    '42501', 'permission denied for schema n8n', 'no read of n8n through the dashboard''s link'
);
SELECT throws_ok(
    $$CREATE FUNCTION public.etl_ingest_execution(bigint) RETURNS boolean LANGUAGE sql AS 'SELECT true'$$,
    '42501', 'permission denied for schema public', 'no overload planted in public'
);
SELECT results_eq(
    $$SELECT count(*)::integer, bool_and(umoptions IS NULL) FROM pg_user_mappings WHERE srvname = 'sai_n8n'$$,
    $$VALUES (1, true)$$,
    'the n8n link''s user mapping is there, its options (the password) hidden'
);
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
