-- sai_etl.deliver: push one finished execution to the dashboard, or keep it in the outbox.

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
    v_state text;
    v_start timestamptz;
BEGIN
    IF v_breaker_until IS NOT NULL AND v_breaker_until <> ''
       AND clock_timestamp() < v_breaker_until::timestamptz THEN
        v_error := 'circuit breaker open until ' || v_breaker_until;
    ELSE
        BEGIN
            v_start := clock_timestamp();
            PERFORM sai_etl.push_execution(
                p_id, p_workflow_id, p_status, p_mode, p_retry_of,
                p_created_at, p_started_at, p_stopped_at, 'trigger'
            );
            -- Delivered, but slowly: a dashboard that is slow now likely stays slow for a while,
            -- and every watched commit in this backend would pay it. Skip it like a failed one.
            IF clock_timestamp() - v_start
               > make_interval(secs => coalesce(sai_etl.setting('link_slow_ms')::double precision, 100) / 1000) THEN
                PERFORM sai_etl.open_breaker();
            END IF;
            RETURN true;
        EXCEPTION WHEN OTHERS OR query_canceled THEN
            -- OTHERS alone lets query_canceled through, and dblink relays it when the dashboard's
            -- statement_timeout cancels a slow ingest: n8n's COMMIT would fail with it.
            GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_state = RETURNED_SQLSTATE;
            v_error := SQLERRM || coalesce(': ' || nullif(v_detail, ''), '');
            -- A refusal of this execution's data (class 22 or 23) says nothing about the link.
            -- Any other failure may have broken the connection: drop it, and skip the dashboard
            -- for a while so a dead one costs n8n an outbox insert, not a connect timeout per
            -- execution.
            IF left(v_state, 2) NOT IN ('22', '23') THEN
                BEGIN
                    PERFORM dblink_disconnect('sai_etl');
                EXCEPTION WHEN OTHERS THEN
                    NULL;
                END;
                PERFORM sai_etl.open_breaker();
            END IF;
        END;
    END IF;

    INSERT INTO sai_etl.outbox AS o (
        execution_id, workflow_id, status, mode, retry_of, created_at, started_at, stopped_at, last_error
    ) VALUES (
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, v_error
    )
    ON CONFLICT (execution_id) DO UPDATE SET
        workflow_id = excluded.workflow_id,
        status = excluded.status,
        mode = excluded.mode,
        retry_of = excluded.retry_of,
        created_at = excluded.created_at,
        started_at = excluded.started_at,
        stopped_at = excluded.stopped_at,
        last_error = excluded.last_error;
    RETURN false;
END
$$;

COMMENT ON FUNCTION sai_etl.deliver(integer, text, text, text, text, timestamptz, timestamptz, timestamptz) IS
'Delivers one finished execution to the dashboard; on any failure, or while this backend''s circuit '
'breaker is open (setting breaker_seconds), writes it to sai_etl.outbox in the caller''s transaction. '
'Any failure but the dashboard refusing the data (SQLSTATE class 22/23) opens the breaker, and so does '
'a delivery slower than setting link_slow_ms. '
'Returns true when delivered.';

REVOKE ALL ON FUNCTION sai_etl.deliver(
    integer, text, text, text, text, timestamptz, timestamptz, timestamptz
) FROM PUBLIC;
