-- Through the link: outbox depth, and the watched executions n8n finished in the window that the
-- dashboard lacks (the fixture n8n database: 17 finished executions of the two watched workflows).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(3);

TRUNCATE executions CASCADE;

SELECT results_eq(
    $$SELECT n8n_reachable, n8n_error, outbox_depth, outbox_oldest, n8n_finished, n8n_missing
      FROM etl_n8n_link_health(interval '100 years')$$,
    $$VALUES (true, NULL::text, 0::bigint, NULL::timestamptz, 17::bigint, 17::bigint)$$,
    'an empty dashboard lacks every finished watched execution'
);

SELECT etl_reconcile(interval '100 years');
SELECT results_eq(
    $$SELECT n8n_finished, n8n_missing FROM etl_n8n_link_health(interval '100 years')$$,
    $$VALUES (17::bigint, 0::bigint)$$,
    'after the reconcile none is missing'
);
SELECT results_eq(
    $$SELECT n8n_finished, n8n_missing FROM etl_n8n_link_health(interval '1 second')$$,
    $$VALUES (0::bigint, 0::bigint)$$,
    'the window bounds what is read'
);

SELECT * FROM finish();
ROLLBACK;
