-- Privileges of sai-etl's roles in n8n's database.

-- Nothing in schema sai_etl runs for a role that was not granted it: the reader and the runner
-- need USAGE on the schema, and without this they could call dblink_connect (a connection to any
-- host from the database server) and the invoker functions. The trigger and the drain run as
-- their owner and need no grant.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA sai_etl FROM PUBLIC;

-- sai_etl_reader is the group of the dashboards' link roles: each dashboard's link logs in as a
-- member of its own (runner/sai_etl/links.py). The group never logs in itself, and a password it
-- kept from an older sai-etl, whose link logged in as the group, must stop working.
ALTER ROLE sai_etl_reader NOLOGIN PASSWORD NULL;

-- The dashboard's read-only link: exactly the tables Stage 2 and the reconcile read.
GRANT USAGE ON SCHEMA sai_etl TO sai_etl_reader;
GRANT SELECT ON sai_etl.watched_workflows, sai_etl.outbox TO sai_etl_reader;
GRANT SELECT ON public.execution_entity, public.execution_data TO sai_etl_reader;

DO $$
BEGIN
    -- n8n keeps binary data in the database from 2.x on; older schemas have no such table.
    IF to_regclass('public.binary_data') IS NOT NULL THEN
        GRANT SELECT ON public.binary_data TO sai_etl_reader;
    END IF;
END
$$;

-- The runner's sweep drains the outbox, batch by batch until it is empty (it counts what is left).
GRANT USAGE ON SCHEMA sai_etl TO sai_etl_runner;
GRANT EXECUTE ON FUNCTION sai_etl.drain_outbox(integer) TO sai_etl_runner;
GRANT SELECT ON sai_etl.outbox TO sai_etl_runner;
