-- new, running and waiting are not finished: nothing is delivered for them.
BEGIN;
SELECT plan(1);

ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');

INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
VALUES (900101, false, 'webhook', 'new', 'yDbfhooKemfhMIkC', now());
UPDATE public.execution_entity SET status = 'running', "startedAt" = now() WHERE id = 900101;
UPDATE public.execution_entity SET status = 'waiting', "waitTill" = now() WHERE id = 900101;
SET CONSTRAINTS ALL IMMEDIATE;

SELECT is_empty(
    $$SELECT FROM sai_etl.outbox WHERE execution_id = 900101$$,
    'no delivery for new, running or waiting'
);

SELECT * FROM finish();
ROLLBACK;
