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
    v_now record;
    v_done integer := 0;
    v_detail text;
    v_state text;
BEGIN
    -- The connection must be idle for the synchronous calls below (a trigger may have sent on it
    -- in this backend).
    PERFORM sai_etl.link_settle();
    BEGIN
        -- Rows the dashboard refused before sort last, and only deliveries count towards the
        -- limit: however many refused rows wait, they never hold up the others.
        FOR v_row IN
            SELECT * FROM sai_etl.outbox
            ORDER BY attempts, queued_at
            FOR UPDATE SKIP LOCKED
        LOOP
            EXIT WHEN v_done >= v_limit;
            -- n8n's row as it is now, not the copy: facts delivered since (a later finish the
            -- trigger carried) are fresher than the outbox's and must not be overwritten by it.
            -- The copy serves only when n8n no longer has the execution.
            SELECT * INTO v_now FROM sai_etl.finished_execution(v_row.execution_id);
            IF FOUND THEN
                v_row.workflow_id := v_now.workflow_id;
                v_row.status := v_now.status;
                v_row.mode := v_now.mode;
                v_row.retry_of := v_now.retry_of;
                v_row.created_at := v_now.created_at;
                v_row.started_at := v_now.started_at;
                v_row.stopped_at := v_now.stopped_at;
            END IF;
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
                -- The dashboard refused this row's data (class 22 or 23): it stays, with its
                -- error, for a DBA, and the link is fine for the next one.
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
        -- The link commits asynchronously (n8n must not wait for the dashboard's WAL flush), but
        -- n8n's copies go once this returns: one synchronous commit on the link first, which
        -- flushes the dashboard's WAL past every delivery above. It must write WAL itself (a
        -- commit that wrote none does not wait): a transactional logical message, read by no one.
        IF v_done > 0 THEN
            PERFORM FROM dblink('sai_etl', format(
                'SELECT set_config(''synchronous_commit'', ''on'', true), pg_logical_emit_message(true, %L, %L)',
                'sai_etl', 'outbox drained: ' || v_done
            )) AS t (setting text, lsn pg_lsn);
        END IF;
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        -- Not known to be durable: keep every row (a redelivery is idempotent).
        RAISE WARNING 'sai-etl: outbox drain undone, the dashboard did not confirm it durable: %', SQLERRM;
        BEGIN
            PERFORM dblink_disconnect('sai_etl');
        EXCEPTION WHEN OTHERS THEN
            NULL;
        END;
        RETURN 0;
    END;
    RETURN v_done;
END
$$;

COMMENT ON FUNCTION sai_etl.drain_outbox(integer) IS
'Delivers up to p_limit outbox rows (default setting drain_batch) to the dashboard with n8n''s current '
'facts of each execution (the outbox copy when n8n no longer has it), deleting each one delivered, then '
'makes the dashboard flush its WAL (a synchronous commit) before returning; if that fails nothing is '
'deleted. Stops at the first failure of the link. A row whose data the dashboard refuses (SQLSTATE '
'class 22/23) stays with its error and attempts, sorted last, and the drain goes on. Returns how many '
'were delivered. Called by the runner''s sweep.';

REVOKE ALL ON FUNCTION sai_etl.drain_outbox(integer) FROM PUBLIC;
-- The runner's sweep drains the outbox, batch by batch until it is empty.
GRANT EXECUTE ON FUNCTION sai_etl.drain_outbox(integer) TO sai_etl_runner;
