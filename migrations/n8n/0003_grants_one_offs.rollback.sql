-- The grants go; dblink's functions stay closed to PUBLIC and the reader group keeps no login and
-- no password (nothing older needs either back: the previous release's sql/ cleared them too).
REVOKE SELECT ON sai_etl.outbox FROM sai_etl_runner;
REVOKE SELECT ON sai_etl.watched_workflows, sai_etl.outbox FROM sai_etl_reader;
REVOKE USAGE ON SCHEMA sai_etl FROM sai_etl_reader, sai_etl_runner;
