-- "Gone" must mean gone: an execution the dashboard recorded moments ago that n8n does not show
-- (the trigger delivers before n8n's commit is visible) is deferred, not skipped; once it was
-- recorded longer ago than gone_grace, it is skipped.
BEGIN;
SELECT plan(4);

DELETE FROM etl_processing_queue;
-- No such execution in n8n's database: what a claim sees while n8n's commit is in flight.
SELECT etl_ingest_execution(900001, 'yDbfhooKemfhMIkC', 'error', 'webhook', NULL,
    now() - interval '1 second', now() - interval '1 second', now());

SELECT is((SELECT count(*)::integer FROM etl_claim('pgtap:1', 10, 60)), 0, 'nothing handed over');
SELECT results_eq(
    $$SELECT status, attempts, deferrals FROM etl_processing_queue WHERE execution_id = 900001$$,
    $$VALUES ('pending'::text, 0, 1)$$,
    'recorded just now: deferred, not skipped, no attempt spent'
);

UPDATE executions SET created_at = now() - interval '2 minutes' WHERE id = 900001;
UPDATE etl_processing_queue SET next_attempt_at = now() WHERE execution_id = 900001;
SELECT is((SELECT count(*)::integer FROM etl_claim('pgtap:1', 10, 60)), 0, 'still nothing handed over');
SELECT results_eq(
    $$SELECT status, left(last_error, 12) FROM etl_processing_queue WHERE execution_id = 900001$$,
    $$VALUES ('skipped'::text, 'source gone:'::text)$$,
    'recorded longer ago than gone_grace: skipped as gone'
);

SELECT * FROM finish();
ROLLBACK;
