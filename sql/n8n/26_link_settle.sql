-- sai_etl.link_settle: collect the dashboard's answer to the execution this backend sent last.

CREATE OR REPLACE FUNCTION sai_etl.link_settle()
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
DECLARE
    v_in_flight integer := nullif(current_setting('sai_etl.in_flight', true), '')::integer;
    v_rows integer;
    v_error text;
    v_detail text;
    v_state text;
    v_sent record;
BEGIN
    IF v_in_flight IS NOT NULL THEN
        PERFORM set_config('sai_etl.in_flight', '', false);
    END IF;
    -- No connection (never opened, or dropped after a failure): nothing to collect.
    IF NOT coalesce('sai_etl' = ANY (dblink_get_connections()), false) THEN
        RETURN NULL;
    END IF;
    BEGIN
        -- Waits while the dashboard still works on it (bounded by the link's timeouts); an idle
        -- connection answers with an empty set at once. Every result, up to the empty one that
        -- ends the answer: the connection is idle afterwards.
        LOOP
            SELECT count(*) INTO v_rows FROM dblink_get_result('sai_etl') AS t (changed boolean);
            EXIT WHEN v_rows = 0;
        END LOOP;
        RETURN NULL;
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        -- OTHERS alone lets query_canceled through, and dblink relays it when the dashboard's
        -- statement_timeout cancels a slow ingest.
        GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_state = RETURNED_SQLSTATE;
        v_error := SQLERRM || coalesce(': ' || nullif(v_detail, ''), '');
    END;
    -- The error was the answer: take the end that follows it, so the connection can send again.
    BEGIN
        PERFORM FROM dblink_get_result('sai_etl', false) AS t (changed boolean);
    EXCEPTION WHEN OTHERS THEN
        NULL;
    END;
    -- That execution goes to the outbox as n8n has it now (not at all if n8n rolled it back).
    SELECT * INTO v_sent FROM sai_etl.finished_execution(v_in_flight);
    IF FOUND THEN
        PERFORM sai_etl.keep_in_outbox(
            v_in_flight, v_sent.workflow_id, v_sent.status, v_sent.mode, v_sent.retry_of,
            v_sent.created_at, v_sent.started_at, v_sent.stopped_at, v_error
        );
    END IF;
    -- A refusal of that execution's data (class 22 or 23) says nothing about the link.
    IF left(v_state, 2) IN ('22', '23') THEN
        RETURN NULL;
    END IF;
    RETURN 'the dashboard failed execution ' || coalesce(v_in_flight::text, '(unknown)') || ' sent before: '
        || v_error;
END
$$;

COMMENT ON FUNCTION sai_etl.link_settle() IS
'Waits for the dashboard''s answer to the execution this backend last sent on dblink connection '
'"sai_etl" (sai_etl.send_execution; its id in session setting sai_etl.in_flight), if any. If the '
'answer is an error, that execution goes to sai_etl.outbox with it, as n8n has the execution now. '
'Returns NULL when the link can take the next one (also after a refusal of that execution''s data, '
'SQLSTATE class 22/23), else why not. The connection is idle afterwards.';

REVOKE ALL ON FUNCTION sai_etl.link_settle() FROM PUBLIC;
