-- Executions of workflows that are not watched never leave n8n.
BEGIN;
SELECT plan(2);

ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');

INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
VALUES (900201, false, 'webhook', 'running', 'otherWorkflow001', now()),
       (900202, true, 'webhook', 'success', 'otherWorkflow001', now());
UPDATE public.execution_entity SET status = 'success', "stoppedAt" = now() WHERE id = 900201;
SET CONSTRAINTS ALL IMMEDIATE;

SELECT is_empty($$SELECT FROM sai_etl.outbox WHERE execution_id = 900201$$, 'finishing update ignored');
SELECT is_empty($$SELECT FROM sai_etl.outbox WHERE execution_id = 900202$$, 'finished insert ignored');

SELECT * FROM finish();
ROLLBACK;
