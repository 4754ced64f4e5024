-- In n8n's database the runner drains the outbox and reads it, and does nothing else.
BEGIN;
SELECT plan(6);

SET LOCAL ROLE sai_etl_runner;
SELECT lives_ok($$SELECT sai_etl.drain_outbox(0)$$, 'drain_outbox');
SELECT lives_ok($$SELECT count(*) FROM sai_etl.outbox$$, 'reads the outbox (the sweep counts what is left)');
SELECT throws_ok(
    $$DELETE FROM sai_etl.outbox$$,
    '42501', 'permission denied for table outbox', 'but does not write it'
);
SELECT throws_ok(
    $$SELECT count(*) FROM public.execution_data$$,
    '42501', 'permission denied for table execution_data', 'no read of n8n''s tables'
);
SELECT throws_ok(
    $$SELECT sai_etl.deliver(1, 'w', 'success', 'webhook', NULL, now(), now(), now())$$,
    '42501', 'permission denied for function deliver', 'no deliver'
);
SELECT throws_ok(
    $$SELECT * FROM sai_etl.dblink('sai_dashboard', 'SELECT 1') AS t (x integer)$$,
    '42501', 'permission denied for function dblink', 'no dblink through the link'
);
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
