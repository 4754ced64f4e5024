-- sai_etl.on_execution_finished: the Stage 1 trigger function.

CREATE OR REPLACE FUNCTION sai_etl.on_execution_finished()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT FROM sai_etl.watched_workflows WHERE workflow_id = new."workflowId") THEN
        PERFORM sai_etl.deliver(
            new.id, new."workflowId", new.status, new.mode, new."retryOf",
            new."createdAt", new."startedAt", new."stoppedAt"
        );
    END IF;
    RETURN NULL;
EXCEPTION WHEN OTHERS OR query_canceled THEN
    -- n8n's commit must never fail because of sai-etl (not even when canceled while it waits on
    -- the outbox): the sweep's reconcile finds this one.
    RAISE WARNING 'sai-etl: execution % not recorded for the dashboard: %', new.id, SQLERRM;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sai_etl.on_execution_finished() IS
'Trigger on public.execution_entity: a watched execution that became terminal is delivered to the '
'dashboard (or the outbox). Never raises: n8n''s transaction always commits. SECURITY DEFINER so the '
'dblink user mapping is sai-etl''s, never n8n''s role''s.';

REVOKE ALL ON FUNCTION sai_etl.on_execution_finished() FROM PUBLIC;
