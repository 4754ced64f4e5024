-- sai_etl.deliver: send one finished execution to the dashboard, or keep it in the outbox.

CREATE OR REPLACE FUNCTION sai_etl.deliver(
    p_id integer,
    p_workflow_id text,
    p_status text,
    p_mode text,
    p_retry_of text,
    p_created_at timestamptz,
    p_started_at timestamptz,
    p_stopped_at timestamptz
)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
DECLARE
    v_breaker_until text := current_setting('sai_etl.breaker_until', true);
    v_error text;
    v_detail text;
    v_start timestamptz;
BEGIN
    IF v_breaker_until IS NOT NULL AND v_breaker_until <> ''
       AND clock_timestamp() < v_breaker_until::timestamptz THEN
        v_error := 'circuit breaker open until ' || v_breaker_until;
    ELSE
        v_start := clock_timestamp();
        -- First the answer to the execution this backend sent before (usually long there).
        v_error := sai_etl.link_settle();
        IF v_error IS NULL THEN
            BEGIN
                PERFORM sai_etl.link_connect();
                PERFORM sai_etl.send_execution(
                    p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at
                );
                -- A dashboard that answered slowly likely stays slow for a while, and every
                -- watched commit in this backend would wait for it: skip it like a failed one.
                IF clock_timestamp() - v_start
                   > make_interval(secs => coalesce(sai_etl.setting('link_slow_ms')::double precision, 100) / 1000) THEN
                    PERFORM sai_etl.open_breaker();
                END IF;
                RETURN true;
            EXCEPTION WHEN OTHERS OR query_canceled THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
                v_error := SQLERRM || coalesce(': ' || nullif(v_detail, ''), '');
            END;
        END IF;
        -- The link failed (the answer before, connect or send): drop the connection, and skip
        -- the dashboard for a while so a dead one costs n8n an outbox insert, not a connect
        -- timeout per execution.
        BEGIN
            PERFORM dblink_disconnect('sai_etl');
        EXCEPTION WHEN OTHERS THEN
            NULL;
        END;
        PERFORM sai_etl.open_breaker();
    END IF;

    PERFORM sai_etl.keep_in_outbox(
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, v_error
    );
    RETURN false;
END
$$;

COMMENT ON FUNCTION sai_etl.deliver(integer, text, text, text, text, timestamptz, timestamptz, timestamptz) IS
'Delivers one finished execution to the dashboard without waiting for its ingest: first collects the '
'answer to the one this backend sent before (sai_etl.link_settle, which puts that one in the outbox if '
'the answer is an error), then sends this one (sai_etl.send_execution). On a failure of the link, or while '
'this backend''s circuit breaker is open (setting breaker_seconds), writes it to sai_etl.outbox in the '
'caller''s transaction. Any failure but the dashboard refusing the data (SQLSTATE class 22/23) opens '
'the breaker, and so does waiting longer than setting link_slow_ms. Returns true when sent.';

REVOKE ALL ON FUNCTION sai_etl.deliver(
    integer, text, text, text, text, timestamptz, timestamptz, timestamptz
) FROM PUBLIC;
