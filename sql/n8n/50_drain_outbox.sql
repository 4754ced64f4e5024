-- sai_etl.drain_outbox: deliver what the trigger could not, oldest first.

CREATE OR REPLACE FUNCTION sai_etl.drain_outbox(p_limit integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
DECLARE
    v_limit integer := coalesce(p_limit, sai_etl.setting('drain_batch')::integer, 500);
    v_row sai_etl.outbox;
    v_done integer := 0;
    v_detail text;
    v_state text;
BEGIN
    -- Rows the dashboard refused before sort last, and only deliveries count towards the limit:
    -- however many refused rows wait, they never hold up the others.
    FOR v_row IN
        SELECT * FROM sai_etl.outbox
        ORDER BY attempts, queued_at
        FOR UPDATE SKIP LOCKED
    LOOP
        EXIT WHEN v_done >= v_limit;
        BEGIN
            PERFORM sai_etl.push_execution(
                v_row.execution_id, v_row.workflow_id, v_row.status, v_row.mode, v_row.retry_of,
                v_row.created_at, v_row.started_at, v_row.stopped_at, 'outbox'
            );
        EXCEPTION WHEN OTHERS OR query_canceled THEN
            -- query_canceled too: dblink relays the dashboard's statement_timeout with it.
            GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_state = RETURNED_SQLSTATE;
            UPDATE sai_etl.outbox
            SET attempts = attempts + 1, last_error = SQLERRM || coalesce(': ' || nullif(v_detail, ''), '')
            WHERE execution_id = v_row.execution_id;
            -- The dashboard refused this row's data (class 22 or 23): it stays, with its error,
            -- for a DBA, and the link is fine for the next one.
            CONTINUE WHEN left(v_state, 2) IN ('22', '23');
            BEGIN
                PERFORM dblink_disconnect('sai_etl');
            EXCEPTION WHEN OTHERS THEN
                NULL;
            END;
            -- The dashboard is still unwell: the next sweep tries again.
            EXIT;
        END;
        DELETE FROM sai_etl.outbox WHERE execution_id = v_row.execution_id;
        v_done := v_done + 1;
    END LOOP;
    RETURN v_done;
END
$$;

COMMENT ON FUNCTION sai_etl.drain_outbox(integer) IS
'Delivers up to p_limit outbox rows (default setting drain_batch) to the dashboard, deleting each one '
'delivered; stops at the first failure of the link. A row whose data the dashboard refuses (SQLSTATE '
'class 22/23) stays with its error and attempts, sorted last, and the drain goes on. Returns how many '
'were delivered. Called by the runner''s sweep.';

REVOKE ALL ON FUNCTION sai_etl.drain_outbox(integer) FROM PUBLIC;
-- The runner's sweep drains the outbox, batch by batch until it is empty.
GRANT EXECUTE ON FUNCTION sai_etl.drain_outbox(integer) TO sai_etl_runner;
