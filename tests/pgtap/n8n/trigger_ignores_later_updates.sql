-- A finished execution is delivered once: later updates (n8n's soft delete, a rewrite of the
-- same status) do not fire again.
BEGIN;
SELECT plan(2);

ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');

INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
VALUES (900301, false, 'webhook', 'running', 'yDbfhooKemfhMIkC', now());
UPDATE public.execution_entity SET status = 'success', finished = true, "stoppedAt" = now() WHERE id = 900301;
SET CONSTRAINTS ALL IMMEDIATE;
DELETE FROM sai_etl.outbox WHERE execution_id = 900301;

UPDATE public.execution_entity SET "deletedAt" = now() WHERE id = 900301;
UPDATE public.execution_entity SET status = 'success' WHERE id = 900301;
SET CONSTRAINTS ALL IMMEDIATE;

SELECT is_empty($$SELECT FROM sai_etl.outbox WHERE execution_id = 900301$$, 'soft delete and same-status update ignored');
SELECT is(
    (SELECT "deletedAt" IS NOT NULL FROM public.execution_entity WHERE id = 900301), true,
    'n8n''s soft delete itself went through'
);

SELECT * FROM finish();
ROLLBACK;
