-- The trigger sends without waiting: the dashboard's answer is collected by the next delivery (or
-- sai_etl.link_settle). A refusal of the data (class 22) puts that execution in the outbox as n8n
-- has it, and leaves the link alone.
BEGIN;
SELECT plan(6);

-- An id the dashboard refuses (not a positive integer): nothing is written there.
INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
VALUES (-5, false, 'webhook', 'running', 'yDbfhooKemfhMIkC', now());
UPDATE public.execution_entity SET status = 'success', "stoppedAt" = now() WHERE id = -5;
SET CONSTRAINTS ALL IMMEDIATE;

SELECT is(current_setting('sai_etl.in_flight', true), '-5', 'sent, its answer not yet collected');
SELECT is_empty($$SELECT FROM sai_etl.outbox WHERE execution_id = -5$$, 'n8n did not wait for the answer');

SELECT is(sai_etl.link_settle(), NULL, 'a refusal of the data leaves the link usable');
SELECT results_eq(
    $$SELECT status::text, last_error ~ 'execution id must be a positive integer, got -5'
      FROM sai_etl.outbox WHERE execution_id = -5$$,
    $$VALUES ('success', true)$$,
    'the refused execution is in the outbox with the dashboard''s reason'
);
SELECT ok(
    coalesce(current_setting('sai_etl.breaker_until', true), '') = ''
    AND 'sai_etl' = ANY (sai_etl.dblink_get_connections()),
    'the breaker stays closed and the connection is kept'
);
SELECT is(sai_etl.link_settle(), NULL, 'nothing left in flight');

SELECT * FROM finish();
ROLLBACK;
