-- etl_n8n_link_health: what health needs from n8n's side, read through the link, never failing.

CREATE OR REPLACE FUNCTION public.etl_n8n_link_health(p_window interval)
RETURNS TABLE (
    n8n_reachable boolean,
    n8n_error text,
    outbox_depth bigint,
    outbox_oldest timestamptz,
    n8n_finished bigint,
    n8n_missing bigint
)
LANGUAGE plpgsql
ROWS 1
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_since timestamptz := now() - p_window;
    v_watched text[];
    v_ids bigint[];
    v_detail text;
BEGIN
    BEGIN
        -- Each filter is a constant or a parameter, so postgres_fdw ships it (and the aggregate)
        -- to n8n: one row, the watched ids and the ids of the window's executions cross the link,
        -- and n8n answers from its (stoppedAt, status, deletedAt) index.
        SELECT count(*), min(o.queued_at) INTO outbox_depth, outbox_oldest FROM n8n.outbox AS o;
        v_watched := ARRAY(SELECT w.workflow_id FROM n8n.watched_workflows AS w);
        v_ids := ARRAY(
            SELECT e.id::bigint
            FROM n8n.execution_entity AS e
            WHERE e."stoppedAt" >= v_since
              AND e."deletedAt" IS NULL
              AND e.status IN ('success', 'error', 'crashed', 'canceled')
              AND e."workflowId" = ANY (v_watched)
        );
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
        n8n_reachable := false;
        n8n_error := SQLERRM || coalesce(': ' || nullif(v_detail, ''), '');
        outbox_depth := NULL;
        outbox_oldest := NULL;
        RETURN NEXT;
        RETURN;
    END;
    n8n_reachable := true;
    n8n_finished := cardinality(v_ids);
    n8n_missing := n8n_finished - (SELECT count(*) FROM public.executions AS x WHERE x.id = ANY (v_ids));
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION public.etl_n8n_link_health(interval) IS
'Through the n8n link: the outbox depth and its oldest row (Stage 1 deliveries waiting in n8n), and of '
'the watched workflows'' executions that n8n finished within p_window (stoppedAt, not soft-deleted) how '
'many there are and how many the dashboard lacks. One row; n8n_reachable false with n8n_error and NULL '
'figures when n8n cannot be read.';

REVOKE ALL ON FUNCTION public.etl_n8n_link_health(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_n8n_link_health(interval) TO sai_etl_runner;
