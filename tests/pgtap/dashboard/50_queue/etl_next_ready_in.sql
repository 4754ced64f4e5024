-- etl_next_ready_in says when the queue next has claimable work: deferred or backed-off items and
-- running-out leases count, items in final states do not.
BEGIN;
SELECT plan(5);

DELETE FROM executions;
SELECT etl_reconcile(interval '100 years');
UPDATE etl_processing_queue SET status = 'completed', completed_at = now();

SELECT is(etl_next_ready_in(), NULL, 'no pending or processing item: NULL');

UPDATE etl_processing_queue SET status = 'pending', next_attempt_at = clock_timestamp() + interval '30 seconds'
WHERE execution_id = 1;
SELECT ok(etl_next_ready_in() BETWEEN 29 AND 30, 'a deferred item: the seconds until it is due');

UPDATE etl_processing_queue
SET status = 'processing', claim_token = gen_random_uuid(), locked_until = clock_timestamp() + interval '5 seconds'
WHERE execution_id = 2;
SELECT ok(etl_next_ready_in() BETWEEN 4 AND 5, 'a lease that runs out earlier comes first');

UPDATE etl_processing_queue SET next_attempt_at = clock_timestamp() - interval '1 minute'
WHERE execution_id = 1;
SELECT is(etl_next_ready_in(), 0::double precision, 'an item due in the past: 0, not negative');

SELECT is(
    has_function_privilege('sai_etl_runner', 'etl_next_ready_in()', 'EXECUTE'), true,
    'the runner may call it'
);

SELECT * FROM finish();
ROLLBACK;
