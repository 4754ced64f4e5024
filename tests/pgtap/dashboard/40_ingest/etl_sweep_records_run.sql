-- Each sweep leaves a row saying what it recovered.
BEGIN;
SELECT plan(2);

SELECT etl_reconcile(interval '100 years');
DELETE FROM executions WHERE id IN (1, 2);
SELECT results_eq(
    $$SELECT outbox_drained, reconciled FROM etl_sweep(3, interval '100 years')$$,
    $$VALUES (3, 2)$$,
    'the sweep reports the outbox rows and the reconciled executions'
);
SELECT is(
    (SELECT finished_at >= started_at FROM etl_sweep_runs ORDER BY id DESC LIMIT 1), true,
    'and is logged with its times'
);

SELECT * FROM finish();
ROLLBACK;
