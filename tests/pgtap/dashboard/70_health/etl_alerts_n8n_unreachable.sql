-- When n8n cannot be read, n8n_unreachable fires and the outbox figure is unknown, not "empty".
BEGIN;
SELECT plan(2);

ALTER SERVER sai_n8n OPTIONS (SET dbname 'sai_no_such_db');

SELECT results_eq(
    $$SELECT alert, severity FROM etl_alerts WHERE alert IN ('n8n_unreachable', 'outbox_not_draining')$$,
    $$VALUES ('n8n_unreachable', 'critical')$$,
    'the link alert fires, the outbox one cannot say'
);
SELECT is(
    (SELECT message FROM etl_alert_checks WHERE alert = 'outbox_not_draining'),
    'outbox unknown: n8n cannot be read',
    'the outbox check says it does not know'
);

SELECT * FROM finish();
ROLLBACK;
