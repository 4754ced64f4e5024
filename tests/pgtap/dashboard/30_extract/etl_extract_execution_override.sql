-- Extraction follows etl_node_overrides: with the camera workflow's analysis role pointed at its
-- IF node ("Risk Alert?", which passes Ollama's item on its true branch only), execution 2 (alert)
-- keeps its analysis and execution 1 (no alert) has none, its earlier row removed.
BEGIN;
SELECT plan(3);

DELETE FROM executions WHERE id <= 18;
DELETE FROM etl_node_overrides;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE before_override ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id IN (1, 2);
SELECT is(
    (SELECT count(*)::integer FROM execution_analysis WHERE execution_id IN (1, 2)), 2,
    'by type, the Ollama node gives both an analysis'
);

INSERT INTO etl_node_overrides (workflow_id, role, node_name) VALUES ('yDbfhooKemfhMIkC', 'analysis', 'Risk Alert?');
CREATE TEMP TABLE after_override ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id IN (1, 2);

SELECT results_eq(
    $$SELECT execution_id, risk_level, confidence_score FROM execution_analysis WHERE execution_id IN (1, 2)$$,
    $$VALUES (2::bigint, 'medium'::text, 0.640::numeric)$$,
    'the IF node''s true-branch item is the analysis of 2; 1 has none'
);
SELECT results_eq(
    $$SELECT node_id, camera_id FROM executions WHERE id = 1$$,
    $$VALUES ('NODE_001'::text, 'cam_norte'::text)$$,
    'the other roles are unaffected'
);

SELECT * FROM finish();
ROLLBACK;
