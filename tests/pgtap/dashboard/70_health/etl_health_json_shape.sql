-- The health document: the seed's etl.* keys with this state's figures, then every view.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(7);

TRUNCATE executions, etl_runner_heartbeats, etl_maintenance, etl_data_quality_days CASCADE;
UPDATE etl_settings SET value = '1 hour' WHERE key = 'health_window';

INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, created_at
)
SELECT i, 'wf', now() - interval '3 seconds', now() - interval '3 seconds', 0, 'success', 'webhook', true, 'trigger',
       now() - interval '3 seconds' + make_interval(secs => i * 0.01)
FROM generate_series(1, 4) AS i;
INSERT INTO etl_processing_queue (
    execution_id, status, attempts, claim_token, locked_until, completed_at, processing_time_ms
) VALUES
(1, 'completed', 1, NULL, NULL, now() - interval '1 minute', 1000),
(2, 'completed', 1, NULL, NULL, now() - interval '1 minute', 2000),
(3, 'processing', 1, gen_random_uuid(), now() + interval '30 seconds', NULL, NULL),
(4, 'pending', 0, NULL, NULL, NULL, NULL);
SELECT etl_refresh_data_quality();

SELECT is(
    etl_health_json() -> 'etl',
    jsonb '{
        "stage1": {"processed": 4, "avgProcessingTimeMs": 25.0, "lagP50Ms": 25.0, "lagP99Ms": 39.7},
        "stage2": {"processed": 2, "avgProcessingTimeMs": 1500.0, "p50ProcessingTimeMs": 1500.0,
                   "p99ProcessingTimeMs": 1990.0},
        "pipeline": {"pending_deep_extraction": 2, "window": "01:00:00"}
    }',
    'the seed''s keys, with this state''s figures'
);
SELECT results_eq(
    $$SELECT jsonb_object_keys(etl_health_json()) ORDER BY 1$$,
    $$VALUES ('alert_checks'), ('alerts'), ('counters'), ('data_quality'), ('etl'), ('failed_items'), ('generated_at'),
             ('healthy'), ('image_stores'), ('images'), ('pipeline_health'), ('queue_health'), ('runners')$$,
    'then every view'
);
SELECT is(
    etl_health_json() -> 'queue_health',
    (SELECT to_jsonb(q) FROM etl_queue_health AS q),
    'queue_health is the view''s row'
);
SELECT is(
    jsonb_array_length(etl_health_json() -> 'data_quality'), 15, 'data_quality has every field'
);
SELECT is(
    etl_health_json() @> jsonb '{"healthy": false, "alerts": [{"alert": "runner_silent", "firing": true}]}',
    true,
    'no heartbeat: unhealthy, with the firing alert listed'
);
SELECT is(
    jsonb_array_length(etl_health_json() -> 'alert_checks'), 11, 'every check is included'
);

SELECT etl_heartbeat('a:1', 'idle');
SELECT is(
    etl_health_json() @> jsonb '{"healthy": true, "alerts": [], "runners": [{"worker": "a:1", "status": "idle"}]}',
    true,
    'with a runner alive it is healthy'
);

SELECT * FROM finish();
ROLLBACK;
