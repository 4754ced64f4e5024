-- sai_etl.unwatch_workflow: stop carrying a workflow's executions.

CREATE OR REPLACE FUNCTION sai_etl.unwatch_workflow(p_workflow_id text)
RETURNS boolean
LANGUAGE sql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
    WITH gone AS (DELETE FROM sai_etl.watched_workflows WHERE workflow_id = p_workflow_id RETURNING 1)
    SELECT EXISTS (SELECT FROM gone)
$$;

COMMENT ON FUNCTION sai_etl.unwatch_workflow(text) IS
'Stops carrying a workflow''s executions; what the dashboard has stays. Returns whether it was watched.';

REVOKE ALL ON FUNCTION sai_etl.unwatch_workflow(text) FROM PUBLIC;
