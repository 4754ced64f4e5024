-- The trigger is deferred to n8n's commit: when it runs, the final execution_data written after
-- the status in the same transaction is already there.
BEGIN;
SELECT plan(3);

SELECT is(
    (SELECT bool_and(tgdeferrable AND tginitdeferred) FROM pg_trigger
     WHERE tgrelid = 'public.execution_entity'::regclass AND tgname LIKE 'sai_etl_%'),
    true,
    'both triggers are DEFERRABLE INITIALLY DEFERRED'
);

ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');
INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
VALUES (900501, false, 'webhook', 'running', 'yDbfhooKemfhMIkC', now());
UPDATE public.execution_entity SET status = 'success', "stoppedAt" = now() WHERE id = 900501;

SELECT is_empty($$SELECT FROM sai_etl.outbox WHERE execution_id = 900501$$, 'nothing delivered before commit');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT isnt_empty($$SELECT FROM sai_etl.outbox WHERE execution_id = 900501$$, 'delivered at commit');

SELECT * FROM finish();
ROLLBACK;
