-- Each terminal status of a watched execution is delivered; with the dashboard unreachable that
-- means an outbox row in n8n's own transaction. Deferred triggers fire at SET CONSTRAINTS.
BEGIN;
SELECT plan(5);

ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');

INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
SELECT 900000 + n, false, 'webhook', 'running', 'yDbfhooKemfhMIkC', now()
FROM generate_series(1, 4) AS n;

UPDATE public.execution_entity
SET status = (ARRAY['success', 'error', 'crashed', 'canceled'])[id - 900000],
    "stoppedAt" = now()
WHERE id BETWEEN 900001 AND 900004;
SET CONSTRAINTS ALL IMMEDIATE;

SELECT results_eq(
    $$SELECT execution_id, status::text FROM sai_etl.outbox WHERE execution_id > 900000 ORDER BY 1$$,
    $$VALUES (900001, 'success'), (900002, 'error'), (900003, 'crashed'), (900004, 'canceled')$$,
    'every terminal status is delivered (here: to the outbox)'
);
SELECT is(
    (SELECT last_error FROM sai_etl.outbox WHERE execution_id = 900001) ~ 'sai_etl_no_such_database',
    true,
    'the first delivery records why the dashboard refused'
);
SELECT ok(
    (SELECT bool_and(last_error LIKE 'circuit breaker open until %') FROM sai_etl.outbox
     WHERE execution_id BETWEEN 900002 AND 900004),
    'after a failure the breaker skips the dashboard'
);
SELECT is(
    (SELECT count(*)::integer FROM public.execution_entity WHERE id > 900000 AND status <> 'running'),
    4,
    'n8n''s updates all succeeded'
);
SELECT is(
    (SELECT workflow_id::text FROM sai_etl.outbox WHERE execution_id = 900002),
    'yDbfhooKemfhMIkC',
    'the outbox keeps the Stage 1 facts'
);

SELECT * FROM finish();
ROLLBACK;
