-- The Stage 1 triggers on n8n's execution_entity: the only sai-etl objects outside schema sai_etl.
--
-- Deferred constraint triggers fire at n8n's COMMIT, after n8n has written the final
-- execution_data in the same transaction, so Stage 2 finds the data ready. WHEN keeps every other
-- update (running, soft delete) free of any trigger work. Created only when missing, so a re-apply
-- takes no lock on n8n's busiest table; a change of definition belongs in a migration that drops them.

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_entity'::regclass AND tgname = 'sai_etl_execution_inserted'
    ) THEN
        CREATE CONSTRAINT TRIGGER sai_etl_execution_inserted
        AFTER INSERT ON public.execution_entity
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW
        WHEN (new.status IN ('success', 'error', 'crashed', 'canceled'))
        EXECUTE FUNCTION sai_etl.on_execution_finished();
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_entity'::regclass AND tgname = 'sai_etl_execution_finished'
    ) THEN
        CREATE CONSTRAINT TRIGGER sai_etl_execution_finished
        AFTER UPDATE OF status ON public.execution_entity
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW
        WHEN (new.status IN ('success', 'error', 'crashed', 'canceled') AND old.status IS DISTINCT FROM new.status)
        EXECUTE FUNCTION sai_etl.on_execution_finished();
    END IF;
END
$$;

COMMENT ON TRIGGER sai_etl_execution_inserted ON public.execution_entity IS
'sai-etl Stage 1: an execution inserted already finished goes to the dashboard at commit.';

COMMENT ON TRIGGER sai_etl_execution_finished ON public.execution_entity IS
'sai-etl Stage 1: an execution whose status becomes terminal goes to the dashboard at commit.';
