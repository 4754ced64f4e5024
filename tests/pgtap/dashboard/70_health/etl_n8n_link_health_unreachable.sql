-- A dead link is reported as such, with the error and unknown (NULL) figures, never raised.
BEGIN;
SELECT plan(2);

ALTER SERVER sai_n8n OPTIONS (SET dbname 'sai_no_such_db');

SELECT results_eq(
    $$SELECT n8n_reachable, outbox_depth, outbox_oldest, n8n_finished, n8n_missing
      FROM etl_n8n_link_health(interval '1 hour')$$,
    $$VALUES (false, NULL::bigint, NULL::timestamptz, NULL::bigint, NULL::bigint)$$,
    'figures are unknown'
);
SELECT matches(
    (SELECT n8n_error FROM etl_n8n_link_health(interval '1 hour')),
    'sai_no_such_db',
    'the error says why'
);

SELECT * FROM finish();
ROLLBACK;
