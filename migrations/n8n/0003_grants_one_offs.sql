-- Statements that run once, moved out of the sql/ files re-applied on every migrate (where
-- sql/n8n/80_grants.sql held them): grants on sai_etl's own schema and tables sit here, beside
-- the tables (0001), and what has to happen once happens once.
-- depends: 0001_stage1

-- dblink's functions (in schema sai_etl) run for no role that was not granted them: without this
-- any role could call dblink_connect, a connection to any host from the database server. Every
-- function sql/n8n declares revokes PUBLIC beside its definition.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA sai_etl FROM PUBLIC;

-- sai_etl_reader is the group of the dashboards' link roles: each dashboard's link logs in as a
-- member of its own (runner/sai_etl/install/links.py). The group never logs in itself, and a
-- password it kept from an older sai-etl, whose link logged in as the group, must stop working.
ALTER ROLE sai_etl_reader NOLOGIN PASSWORD NULL;

-- The dashboard's read-only link reads the watched workflows and the outbox (Stage 2 and the
-- reconcile); the runner's sweep counts what is left in the outbox while it drains it.
GRANT USAGE ON SCHEMA sai_etl TO sai_etl_reader, sai_etl_runner;
GRANT SELECT ON sai_etl.watched_workflows, sai_etl.outbox TO sai_etl_reader;
GRANT SELECT ON sai_etl.outbox TO sai_etl_runner;
