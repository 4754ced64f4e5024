DROP SCHEMA n8n CASCADE;
DROP SERVER sai_n8n CASCADE; -- noqa: PRS
DROP TABLE etl_sweep_runs;
DROP TABLE etl_settings;
DROP TABLE etl_processing_queue;
DROP TABLE executions;
