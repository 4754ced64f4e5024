-- An execution inserted already finished (n8n's import, or a save of a finished run) is delivered.
BEGIN;
SELECT plan(1);

ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');

INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt")
VALUES (900401, true, 'manual', 'success', 'saiJsonCam000001', now(), now(), now());
SET CONSTRAINTS ALL IMMEDIATE;

SELECT results_eq(
    $$SELECT execution_id, mode::text FROM sai_etl.outbox WHERE execution_id = 900401$$,
    $$VALUES (900401, 'manual')$$,
    'finished insert delivered'
);

SELECT * FROM finish();
ROLLBACK;
