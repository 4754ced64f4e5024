-- Statements that run once, moved out of the sql/ files re-applied on every migrate.
-- depends: 0006_counters

-- sai_etl_ingest is the group of n8n's link roles: each n8n database's link logs in as a member of
-- its own (runner/sai_etl/install/links.py). The group never logs in itself, and a password it
-- kept from an older sai-etl, whose link logged in as the group, must stop working.
ALTER ROLE sai_etl_ingest NOLOGIN PASSWORD NULL;
