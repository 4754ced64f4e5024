-- n8n's own tables are left as n8n made them: the read-only link's grants on them
-- (sql/n8n/80_grants.sql) go first.
REVOKE ALL ON public.execution_entity, public.execution_data FROM sai_etl_reader;

DO $$
BEGIN
    IF to_regclass('public.binary_data') IS NOT NULL THEN
        REVOKE ALL ON public.binary_data FROM sai_etl_reader;
    END IF;
END
$$;

DROP SERVER sai_dashboard CASCADE; -- noqa: PRS
DROP SCHEMA sai_etl CASCADE;
