-- The Stage 1 triggers on n8n's execution_entity: the only sai-etl objects outside schema sai_etl.
--
-- Deferred constraint triggers fire at n8n's COMMIT, after n8n has written the final
-- execution_data in the same transaction, so Stage 2 finds the data ready. They name no column
-- (no WHEN, no UPDATE OF): n8n migrates its own tables when it starts, and a column named in a
-- trigger definition makes `ALTER COLUMN ... TYPE` on it fail. sai_etl.on_execution_finished
-- applies the terminal-status rule. Created only when missing, so a re-apply takes no lock on n8n's
-- busiest table, and `sai-etl migrate` puts them back should n8n ever rebuild the table; a change
-- of definition belongs in a migration that drops them (migrations/n8n/0002_*).

DO $$
BEGIN
    IF to_regclass('public.execution_entity') IS NULL THEN
        RAISE WARNING 'sai-etl: n8n has no public.execution_entity: Stage 1 triggers not installed';
        RETURN;
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_entity'::regclass AND tgname = 'sai_etl_execution_inserted'
    ) THEN
        CREATE CONSTRAINT TRIGGER sai_etl_execution_inserted
        AFTER INSERT ON public.execution_entity
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW
        EXECUTE FUNCTION sai_etl.on_execution_finished();
        COMMENT ON TRIGGER sai_etl_execution_inserted ON public.execution_entity IS
        'sai-etl Stage 1: an execution inserted already finished goes to the dashboard at commit.';
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_entity'::regclass AND tgname = 'sai_etl_execution_finished'
    ) THEN
        CREATE CONSTRAINT TRIGGER sai_etl_execution_finished
        AFTER UPDATE ON public.execution_entity
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW
        EXECUTE FUNCTION sai_etl.on_execution_finished();
        COMMENT ON TRIGGER sai_etl_execution_finished ON public.execution_entity IS
        'sai-etl Stage 1: an execution whose status becomes terminal goes to the dashboard at commit.';
    END IF;
END
$$;
