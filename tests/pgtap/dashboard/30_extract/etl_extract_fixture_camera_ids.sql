-- Extraction sets executions.node_id/camera_id from each fixture webhook's body, as the README
-- lists them, including the two failed executions (their requests arrived).
BEGIN;
SELECT plan(1);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 18;

SELECT results_eq(
    $$SELECT id, node_id, camera_id FROM executions WHERE id <= 18 ORDER BY id$$,
    $$VALUES
        (1::bigint, 'NODE_001'::text, 'cam_norte'::text), (2, 'NODE_001', 'cam_0'), (3, 'NODE_002', 'cam_1'),
        (4, 'NODE_003', 'cam_2'), (5, 'NODE_001', 'cam_3'), (6, 'NODE_002', 'cam_4'), (7, 'NODE_003', 'cam_5'),
        (8, 'NODE_004', 'cam_sur'), (9, 'NODE_005', 'cam_este'), (10, 'NODE_006', 'cam_oeste'),
        (11, 'NODE_001', 'cam_x'), (13, 'NODE_002', 'cam_2'), (14, 'NODE_003', 'cam_3'),
        (15, 'NODE_001', 'cam_fs_0'), (16, 'NODE_002', 'cam_fs_1'), (17, 'NODE_001', 'cam_fs_0'),
        (18, 'NODE_002', 'cam_fs_1')$$,
    'node_id and camera_id of every watched fixture execution'
);

SELECT * FROM finish();
ROLLBACK;
