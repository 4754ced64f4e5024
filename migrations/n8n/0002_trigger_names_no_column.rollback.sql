-- The definitions of 0001_stage1's time, which name the status column.
DROP TRIGGER IF EXISTS sai_etl_execution_inserted ON public.execution_entity;
DROP TRIGGER IF EXISTS sai_etl_execution_finished ON public.execution_entity;

CREATE CONSTRAINT TRIGGER sai_etl_execution_inserted
AFTER INSERT ON public.execution_entity
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW
WHEN (new.status IN ('success', 'error', 'crashed', 'canceled'))
EXECUTE FUNCTION sai_etl.on_execution_finished();

CREATE CONSTRAINT TRIGGER sai_etl_execution_finished
AFTER UPDATE OF status ON public.execution_entity
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW
WHEN (new.status IN ('success', 'error', 'crashed', 'canceled') AND old.status IS DISTINCT FROM new.status)
EXECUTE FUNCTION sai_etl.on_execution_finished();
