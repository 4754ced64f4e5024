-- The runner's role reads every health view and calls every health function; PUBLIC gets nothing;
-- each object says what it is for (COMMENT).
BEGIN;
SELECT plan(7);

CREATE TEMP TABLE health_views (name text);
INSERT INTO health_views VALUES
('etl_queue_health'), ('etl_failed_items'), ('etl_data_quality'), ('etl_data_quality_daily'),
('etl_pipeline_health'), ('etl_alert_checks'), ('etl_alerts');
CREATE TEMP TABLE health_functions (sig regprocedure);
INSERT INTO health_functions VALUES
('etl_heartbeat(text, text)'), ('etl_prune_queue(integer)'), ('etl_data_quality_of_day(date)'),
('etl_refresh_data_quality(integer)'), ('etl_maintenance()'), ('etl_xmin_horizon()'),
('etl_n8n_link_health(interval)'), ('etl_alert_evaluate(etl_queue_health, etl_pipeline_health)'),
('etl_health_json()'), ('etl_execution_status(bigint)');
GRANT SELECT ON health_views, health_functions TO sai_etl_runner;

SELECT is_empty(
    $$SELECT name FROM health_views WHERE NOT has_table_privilege('sai_etl_runner', name, 'SELECT')$$,
    'the runner reads every health view'
);
SELECT is_empty(
    $$SELECT sig FROM health_functions WHERE NOT has_function_privilege('sai_etl_runner', sig, 'EXECUTE')$$,
    'the runner calls every health function'
);
SELECT is_empty(
    $$SELECT name FROM health_views WHERE has_table_privilege('public', name, 'SELECT')
      UNION ALL
      SELECT sig::text FROM health_functions WHERE has_function_privilege('public', sig, 'EXECUTE')$$,
    'PUBLIC can neither read nor call them'
);
SELECT is_empty(
    $$SELECT name FROM health_views WHERE obj_description(name::regclass, 'pg_class') IS NULL
      UNION ALL
      SELECT sig::text FROM health_functions WHERE obj_description(sig, 'pg_proc') IS NULL
      UNION ALL
      SELECT t FROM unnest(ARRAY['etl_runner_heartbeats', 'etl_maintenance', 'etl_data_quality_days',
                                 'etl_data_quality_counts']) AS t
      WHERE obj_description(t::regclass, 'pg_class') IS NULL$$,
    'every health view, function and table has a comment'
);

SET LOCAL ROLE sai_etl_runner;
SELECT lives_ok(
    $$SELECT * FROM etl_queue_health, etl_pipeline_health, etl_alerts, etl_alert_checks$$,
    'as the runner: the health views answer'
);
SELECT lives_ok(
    $$SELECT * FROM etl_failed_items, etl_data_quality, etl_data_quality_daily$$,
    'as the runner: the failure and quality views answer'
);
SELECT lives_ok(
    $$SELECT etl_health_json(), etl_execution_status(1), etl_heartbeat('test:1'), etl_maintenance()$$,
    'as the runner: the functions run'
);
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
