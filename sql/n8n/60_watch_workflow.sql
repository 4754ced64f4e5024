-- sai_etl.watch_workflow: start carrying a workflow's executions to the dashboard.

CREATE OR REPLACE FUNCTION sai_etl.watch_workflow(p_workflow_id text, p_note text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    IF p_workflow_id IS NULL OR p_workflow_id !~ '^[A-Za-z0-9_-]{1,36}$' THEN
        RAISE EXCEPTION 'sai_etl.watch_workflow: % is not an n8n workflow id (1-36 letters, digits, _ or -)',
            coalesce(quote_literal(p_workflow_id), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO sai_etl.watched_workflows (workflow_id, note)
    VALUES (p_workflow_id, p_note)
    ON CONFLICT (workflow_id) DO UPDATE SET note = coalesce(excluded.note, watched_workflows.note);
    RETURN to_regclass('public.workflow_entity') IS NOT NULL
        AND EXISTS (SELECT FROM public.workflow_entity WHERE id = p_workflow_id);
END
$$;

COMMENT ON FUNCTION sai_etl.watch_workflow(text, text) IS
'Adds a workflow to sai_etl.watched_workflows (idempotent). Returns whether n8n knows the workflow '
'yet (it may be imported later). Raises 22023 for a malformed id.';

REVOKE ALL ON FUNCTION sai_etl.watch_workflow(text, text) FROM PUBLIC;
