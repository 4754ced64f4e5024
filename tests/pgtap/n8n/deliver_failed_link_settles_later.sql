-- A dashboard slow behind a held lock: n8n's commit does not wait for it; the next delivery in
-- the backend collects the lock timeout, puts the execution sent before in the outbox, keeps its
-- own there too, and opens the breaker.
BEGIN;
SELECT plan(5);

-- A DBA's session on the dashboard holds an exclusive lock on executions.
SELECT sai_etl.dblink_connect('dba', format(
    'host=%s port=%s user=postgres dbname=%s',
    split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'),
    (SELECT option_value FROM pg_options_to_table(
        (SELECT srvoptions FROM pg_foreign_server WHERE srvname = 'sai_dashboard')
    ) WHERE option_name = 'dbname')
));
SELECT sai_etl.dblink_exec('dba', 'BEGIN; LOCK TABLE executions IN ACCESS EXCLUSIVE MODE');

INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt")
SELECT n, false, 'webhook', 'running', 'yDbfhooKemfhMIkC', now() FROM generate_series(900601, 900602) AS n;
UPDATE public.execution_entity SET status = 'success', "stoppedAt" = now() WHERE id = 900601;
SET CONSTRAINTS ALL IMMEDIATE;
SELECT is(current_setting('sai_etl.in_flight', true), '900601', 'the first one is sent');

UPDATE public.execution_entity SET status = 'error', "stoppedAt" = now() WHERE id = 900602;
SET CONSTRAINTS ALL IMMEDIATE;

SELECT results_eq(
    $$SELECT execution_id, last_error ~ 'lock timeout' FROM sai_etl.outbox ORDER BY 1$$,
    $$VALUES (900601, true), (900602, true)$$,
    'the one sent before (its error) and this one (not sent) are in the outbox'
);
SELECT matches(
    (SELECT last_error FROM sai_etl.outbox WHERE execution_id = 900602),
    '^the dashboard failed execution 900601 sent before: ',
    'the one not sent says why'
);
SELECT isnt(coalesce(current_setting('sai_etl.breaker_until', true), ''), '', 'the breaker is open');
SELECT ok(
    NOT coalesce('sai_etl' = ANY (sai_etl.dblink_get_connections()), false),
    'the connection is dropped'
);

SELECT sai_etl.dblink_exec('dba', 'ROLLBACK');
SELECT sai_etl.dblink_disconnect('dba');

SELECT * FROM finish();
ROLLBACK;
