-- n8n migrates its own tables when it starts. A trigger whose WHEN clause or UPDATE OF list names a
-- column makes n8n's `ALTER TABLE execution_entity ALTER COLUMN status TYPE ...` fail ("cannot
-- alter type of a column used in a trigger definition"), and n8n would not start. The Stage 1
-- triggers are re-created naming no column (sql/n8n re-creates them; the terminal-status rule
-- moves into sai_etl.on_execution_finished): drop the old definitions here.
-- depends: 0001_stage1

DROP TRIGGER IF EXISTS sai_etl_execution_inserted ON public.execution_entity;
DROP TRIGGER IF EXISTS sai_etl_execution_finished ON public.execution_entity;
