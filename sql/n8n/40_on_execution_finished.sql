-- sai_etl.on_execution_finished: the Stage 1 trigger function.

CREATE OR REPLACE FUNCTION sai_etl.on_execution_finished()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    -- The triggers name no column, so that n8n's migrations can alter any: the terminal-status
    -- rule is here. Not again for later updates of a finished row (soft delete, n8n 2.x's sizes).
    IF NOT coalesce(new.status IN ('success', 'error', 'crashed', 'canceled'), false)
        OR (tg_op = 'UPDATE' AND old.status IS NOT DISTINCT FROM new.status) THEN
        RETURN NULL;
    END IF;
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
'Trigger on public.execution_entity: a watched execution that became terminal (inserted with, or '
'updated to a different, status success, error, crashed or canceled) is delivered to the dashboard (or '
'the outbox). Never raises: n8n''s transaction always commits, also when n8n renamed a column it reads '
'(the sweep''s reconcile finds those). SECURITY DEFINER so the '
'dblink user mapping is sai-etl''s, never n8n''s role''s.';

REVOKE ALL ON FUNCTION sai_etl.on_execution_finished() FROM PUBLIC;
