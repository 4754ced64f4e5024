-- The reads of n8n's own tables by the dashboard's read-only link. n8n owns these tables and its
-- own migrations may create (binary_data from 2.x on) or rebuild them, so these grants are
-- re-applied on every `sai-etl migrate`; the grants on sai_etl's tables sit in the migrations
-- that create those tables.

GRANT SELECT ON public.execution_entity, public.execution_data TO sai_etl_reader;

DO $$
BEGIN
    -- n8n keeps binary data in the database from 2.x on; older schemas have no such table.
    IF to_regclass('public.binary_data') IS NOT NULL THEN
        GRANT SELECT ON public.binary_data TO sai_etl_reader;
    END IF;
END
$$;
