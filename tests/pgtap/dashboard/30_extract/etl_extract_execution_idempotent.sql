-- Extracting every fixture execution twice gives the same rows and the same locators as once.
BEGIN;
SELECT plan(4);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE first_run ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 18;
CREATE TEMP TABLE first_analysis ON COMMIT DROP AS SELECT * FROM execution_analysis WHERE execution_id <= 18;
CREATE TEMP TABLE first_notifications ON COMMIT DROP AS
SELECT * FROM execution_notifications WHERE execution_id <= 18;
CREATE TEMP TABLE first_ids ON COMMIT DROP AS SELECT id, node_id, camera_id FROM executions WHERE id <= 18;

CREATE TEMP TABLE second_run ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 18;

SELECT set_eq(
    $$SELECT * FROM execution_analysis WHERE execution_id <= 18$$, $$SELECT * FROM first_analysis$$,
    'execution_analysis is unchanged'
);
SELECT set_eq(
    $$SELECT * FROM execution_notifications WHERE execution_id <= 18$$, $$SELECT * FROM first_notifications$$,
    'execution_notifications is unchanged'
);
SELECT set_eq(
    $$SELECT id, node_id, camera_id FROM executions WHERE id <= 18$$, $$SELECT * FROM first_ids$$,
    'node and camera ids are unchanged'
);
SELECT set_eq($$SELECT * FROM second_run$$, $$SELECT * FROM first_run$$, 'the locators are the same');

SELECT * FROM finish();
ROLLBACK;
