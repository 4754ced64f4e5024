SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sai_etl; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA sai_etl;

--
-- Name: SCHEMA sai_etl; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA sai_etl IS 'sai-etl''s objects in n8n''s database; the only object outside it is the trigger.';

--
-- Name: sai_etl_migrations; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA sai_etl_migrations;

--
-- Name: SCHEMA sai_etl_migrations; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA sai_etl_migrations IS 'sai-etl''s migration bookkeeping (yoyo), kept out of n8n''s public.';

--
-- Name: dblink; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA sai_etl;

--
-- Name: deliver(integer, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.deliver(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
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

--
-- Name: FUNCTION deliver(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.deliver(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone) IS 'Delivers one finished execution to the dashboard without waiting for its ingest: first collects the answer to the one this backend sent before (sai_etl.link_settle, which puts that one in the outbox if the answer is an error), then sends this one (sai_etl.send_execution). On a failure of the link, or while this backend''s circuit breaker is open (setting breaker_seconds), writes it to sai_etl.outbox in the caller''s transaction. Any failure but the dashboard refusing the data (SQLSTATE class 22/23) opens the breaker, and so does waiting longer than setting link_slow_ms. Returns true when sent.';

--
-- Name: drain_outbox(integer); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.drain_outbox(p_limit integer DEFAULT NULL::integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
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

--
-- Name: FUNCTION drain_outbox(p_limit integer); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.drain_outbox(p_limit integer) IS 'Delivers up to p_limit outbox rows (default setting drain_batch) to the dashboard with n8n''s current facts of each execution (the outbox copy when n8n no longer has it), deleting each one delivered, then makes the dashboard flush its WAL (a synchronous commit) before returning; if that fails nothing is deleted. Stops at the first failure of the link. A row whose data the dashboard refuses (SQLSTATE class 22/23) stays with its error and attempts, sorted last, and the drain goes on. Returns how many were delivered. Called by the runner''s sweep.';

--
-- Name: finished_execution(integer); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.finished_execution(p_id integer) RETURNS TABLE(workflow_id text, status text, mode text, retry_of text, created_at timestamp with time zone, started_at timestamp with time zone, stopped_at timestamp with time zone)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
BEGIN
    -- PL/pgSQL, not SQL: a body naming n8n's columns is not checked when sai-etl migrate creates
    -- it, so a column n8n renamed fails a delivery (contained), never the migration.
    RETURN QUERY
    SELECT e."workflowId"::text, e.status::text, e.mode::text, e."retryOf"::text,
           e."createdAt", e."startedAt", e."stoppedAt"
    FROM public.execution_entity AS e
    WHERE e.id = p_id AND e.status IN ('success', 'error', 'crashed', 'canceled');
END
$$;

--
-- Name: FUNCTION finished_execution(p_id integer); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.finished_execution(p_id integer) IS 'n8n''s execution_entity row p_id as it is now, in Stage 1''s terms, if it is finished (status success, error, crashed or canceled); no row otherwise (rolled back, still running, deleted). The drain and sai_etl.link_settle deliver these facts rather than an older copy.';

--
-- Name: ingest_statement(integer, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone, text); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.ingest_statement(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog'
    SET "DateStyle" TO 'ISO, YMD'
    AS $$
    SELECT format(
        'SELECT public.etl_ingest_execution(%L, %L, %L, %L, %L, %L, %L, %L, %L)',
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, p_source
    )
$$;

--
-- Name: FUNCTION ingest_statement(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.ingest_statement(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text) IS 'The SELECT public.etl_ingest_execution(...) call for one execution, every value a quoted literal and timestamps in ISO form, for sai_etl.push_execution and sai_etl.send_execution.';

--
-- Name: keep_in_outbox(integer, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone, text); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.keep_in_outbox(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_error text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
    INSERT INTO sai_etl.outbox AS o (
        execution_id, workflow_id, status, mode, retry_of, created_at, started_at, stopped_at, last_error
    ) VALUES (
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, p_error
    )
    ON CONFLICT (execution_id) DO UPDATE SET
        workflow_id = excluded.workflow_id,
        status = excluded.status,
        mode = excluded.mode,
        retry_of = excluded.retry_of,
        created_at = excluded.created_at,
        started_at = excluded.started_at,
        stopped_at = excluded.stopped_at,
        last_error = excluded.last_error
$$;

--
-- Name: FUNCTION keep_in_outbox(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_error text); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.keep_in_outbox(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_error text) IS 'Writes (or refreshes) the outbox row of one finished execution with the reason it was not delivered, in the caller''s transaction; sai_etl.drain_outbox delivers it later.';

--
-- Name: link_connect(); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.link_connect() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
BEGIN
    -- One connection per backend, opened on first use and kept: a connect per execution would
    -- cost more than the whole delivery.
    IF coalesce('sai_etl' = ANY (dblink_get_connections()), false) THEN
        RETURN;
    END IF;
    PERFORM dblink_connect('sai_etl', 'sai_dashboard');
    -- n8n waits for every call inside its own commit: a dashboard that is slow (a held lock, an
    -- I/O stall) must fail fast into the outbox, not hold n8n. Integers only reach the text.
    PERFORM dblink_exec('sai_etl', format(
        'SET statement_timeout = %s; SET lock_timeout = %s',
        coalesce(sai_etl.setting('link_statement_timeout_ms')::integer, 250),
        coalesce(sai_etl.setting('link_lock_timeout_ms')::integer, 100)
    ));
END
$$;

--
-- Name: FUNCTION link_connect(); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.link_connect() IS 'Opens dblink connection "sai_etl" to server sai_dashboard unless this backend has it, with the settings link_statement_timeout_ms and link_lock_timeout_ms as its statement and lock timeouts (read when the connection opens). Raises on failure.';

--
-- Name: link_settle(); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.link_settle() RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
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

--
-- Name: FUNCTION link_settle(); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.link_settle() IS 'Waits for the dashboard''s answer to the execution this backend last sent on dblink connection "sai_etl" (sai_etl.send_execution; its id in session setting sai_etl.in_flight), if any. If the answer is an error, that execution goes to sai_etl.outbox with it, as n8n has the execution now. Returns NULL when the link can take the next one (also after a refusal of that execution''s data, SQLSTATE class 22/23), else why not. The connection is idle afterwards.';

--
-- Name: on_execution_finished(); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.on_execution_finished() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
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

--
-- Name: FUNCTION on_execution_finished(); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.on_execution_finished() IS 'Trigger on public.execution_entity: a watched execution that became terminal (inserted with, or updated to a different, status success, error, crashed or canceled) is delivered to the dashboard (or the outbox). Never raises: n8n''s transaction always commits, also when n8n renamed a column it reads (the sweep''s reconcile finds those). SECURITY DEFINER so the dblink user mapping is sai-etl''s, never n8n''s role''s.';

--
-- Name: open_breaker(); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.open_breaker() RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
    SELECT set_config(
        'sai_etl.breaker_until',
        (clock_timestamp()
         + make_interval(secs => coalesce(sai_etl.setting('breaker_seconds'), '30')::double precision))::text,
        false
    )
$$;

--
-- Name: FUNCTION open_breaker(); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.open_breaker() IS 'Opens this backend''s circuit breaker for setting breaker_seconds: until then sai_etl.deliver writes the outbox without calling the dashboard.';

--
-- Name: push_execution(integer, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone, text); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.push_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
BEGIN
    PERFORM sai_etl.link_connect();
    PERFORM FROM dblink('sai_etl', sai_etl.ingest_statement(
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, p_source
    )) AS t (changed boolean);
END
$$;

--
-- Name: FUNCTION push_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.push_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text) IS 'Calls etl_ingest_execution in the dashboard over dblink connection "sai_etl" (sai_etl.link_connect, opened once per backend, bounded by its timeouts) and waits for its answer. Raises on any failure; callers contain it.';

--
-- Name: send_execution(integer, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.send_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
BEGIN
    -- n8n's commit goes on while the dashboard ingests: n8n pays for sending the statement, not
    -- for the dashboard's work. sai_etl.link_settle collects the answer before the next statement.
    IF dblink_send_query('sai_etl', sai_etl.ingest_statement(
        p_id, p_workflow_id, p_status, p_mode, p_retry_of, p_created_at, p_started_at, p_stopped_at, 'trigger'
    )) <> 1 THEN
        RAISE EXCEPTION 'could not send to the dashboard: %', dblink_error_message('sai_etl')
            USING ERRCODE = 'connection_failure';
    END IF;
    -- Session-wide, so that the next delivery in this backend knows whose answer it collects.
    PERFORM set_config('sai_etl.in_flight', p_id::text, false);
END
$$;

--
-- Name: FUNCTION send_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.send_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone) IS 'Sends etl_ingest_execution for one execution (source trigger) over dblink connection "sai_etl", which must be open and idle (sai_etl.link_connect, sai_etl.link_settle), and returns without waiting; the execution id stays in session setting sai_etl.in_flight until sai_etl.link_settle collects the answer. Raises 08006 when the statement cannot be sent.';

--
-- Name: setting(text); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.setting(p_key text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog'
    AS $$
    SELECT value FROM sai_etl.settings WHERE key = p_key
$$;

--
-- Name: FUNCTION setting(p_key text); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.setting(p_key text) IS 'The value of one row of sai_etl.settings, or NULL.';

--
-- Name: unwatch_workflow(text); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.unwatch_workflow(p_workflow_id text) RETURNS boolean
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $$
    WITH gone AS (DELETE FROM sai_etl.watched_workflows WHERE workflow_id = p_workflow_id RETURNING 1)
    SELECT EXISTS (SELECT FROM gone)
$$;

--
-- Name: FUNCTION unwatch_workflow(p_workflow_id text); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.unwatch_workflow(p_workflow_id text) IS 'Stops carrying a workflow''s executions; what the dashboard has stays. Returns whether it was watched.';

--
-- Name: watch_workflow(text, text); Type: FUNCTION; Schema: sai_etl; Owner: -
--

CREATE FUNCTION sai_etl.watch_workflow(p_workflow_id text, p_note text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'sai_etl', 'pg_temp'
    AS $_$
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
$_$;

--
-- Name: FUNCTION watch_workflow(p_workflow_id text, p_note text); Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON FUNCTION sai_etl.watch_workflow(p_workflow_id text, p_note text) IS 'Adds a workflow to sai_etl.watched_workflows (idempotent). Returns whether n8n knows the workflow yet (it may be imported later). Raises 22023 for a malformed id.';

--
-- Name: sai_dashboard; Type: SERVER; Schema: -; Owner: -
--

CREATE SERVER sai_dashboard FOREIGN DATA WRAPPER dblink_fdw OPTIONS (
    application_name 'sai-etl stage1',
    connect_timeout '2',
    dbname '<set by sai-etl migrate>',
    host '<set by sai-etl migrate>',
    keepalives '1',
    keepalives_count '3',
    keepalives_idle '5',
    keepalives_interval '2',
    options '-c statement_timeout=5000 -c synchronous_commit=off',
    port '<set by sai-etl migrate>',
    tcp_user_timeout '10000'
);

--
-- Name: SERVER sai_dashboard; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SERVER sai_dashboard IS 'The sai_dashboard database, for Stage 1 delivery by dblink: `sai-etl migrate` sets its address and user mapping.';

--
-- Name: outbox; Type: TABLE; Schema: sai_etl; Owner: -
--

CREATE TABLE sai_etl.outbox (
    execution_id integer NOT NULL,
    workflow_id character varying(36) NOT NULL,
    status character varying NOT NULL,
    mode character varying NOT NULL,
    retry_of character varying,
    created_at timestamp with time zone,
    started_at timestamp with time zone,
    stopped_at timestamp with time zone,
    queued_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text
);

--
-- Name: TABLE outbox; Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON TABLE sai_etl.outbox IS 'Finished executions the trigger could not deliver, written in n8n''s own transaction; the sweep (sai_etl.drain_outbox) delivers and deletes them.';

--
-- Name: COLUMN outbox.last_error; Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON COLUMN sai_etl.outbox.last_error IS 'Why the last delivery failed (or that the breaker was open).';

--
-- Name: settings; Type: TABLE; Schema: sai_etl; Owner: -
--

CREATE TABLE sai_etl.settings (
    key text NOT NULL,
    value text NOT NULL,
    description text NOT NULL
);

--
-- Name: TABLE settings; Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON TABLE sai_etl.settings IS 'Tunables of the n8n side (sai_etl.setting()).';

--
-- Name: watched_workflows; Type: TABLE; Schema: sai_etl; Owner: -
--

CREATE TABLE sai_etl.watched_workflows (
    workflow_id character varying(36) NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    note text
);

--
-- Name: TABLE watched_workflows; Type: COMMENT; Schema: sai_etl; Owner: -
--

COMMENT ON TABLE sai_etl.watched_workflows IS 'Workflows whose executions sai-etl carries to the dashboard (`sai-etl workflows add|remove|list`).';

--
-- Name: _yoyo_log; Type: TABLE; Schema: sai_etl_migrations; Owner: -
--

CREATE TABLE sai_etl_migrations._yoyo_log (
    id character varying(36) NOT NULL,
    migration_hash character varying(64),
    migration_id character varying(255),
    operation character varying(10),
    username character varying(255),
    hostname character varying(255),
    comment character varying(255),
    created_at_utc timestamp without time zone
);

--
-- Name: _yoyo_migration; Type: TABLE; Schema: sai_etl_migrations; Owner: -
--

CREATE TABLE sai_etl_migrations._yoyo_migration (
    migration_hash character varying(64) NOT NULL,
    migration_id character varying(255),
    applied_at_utc timestamp without time zone
);

--
-- Name: _yoyo_version; Type: TABLE; Schema: sai_etl_migrations; Owner: -
--

CREATE TABLE sai_etl_migrations._yoyo_version (
    version integer NOT NULL,
    installed_at_utc timestamp without time zone
);

--
-- Name: yoyo_lock; Type: TABLE; Schema: sai_etl_migrations; Owner: -
--

CREATE TABLE sai_etl_migrations.yoyo_lock (
    locked integer DEFAULT 1 NOT NULL,
    ctime timestamp without time zone,
    pid integer NOT NULL
);

--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: sai_etl; Owner: -
--

ALTER TABLE ONLY sai_etl.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (execution_id);

--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: sai_etl; Owner: -
--

ALTER TABLE ONLY sai_etl.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

--
-- Name: watched_workflows watched_workflows_pkey; Type: CONSTRAINT; Schema: sai_etl; Owner: -
--

ALTER TABLE ONLY sai_etl.watched_workflows
    ADD CONSTRAINT watched_workflows_pkey PRIMARY KEY (workflow_id);

--
-- Name: _yoyo_log _yoyo_log_pkey; Type: CONSTRAINT; Schema: sai_etl_migrations; Owner: -
--

ALTER TABLE ONLY sai_etl_migrations._yoyo_log
    ADD CONSTRAINT _yoyo_log_pkey PRIMARY KEY (id);

--
-- Name: _yoyo_migration _yoyo_migration_pkey; Type: CONSTRAINT; Schema: sai_etl_migrations; Owner: -
--

ALTER TABLE ONLY sai_etl_migrations._yoyo_migration
    ADD CONSTRAINT _yoyo_migration_pkey PRIMARY KEY (migration_hash);

--
-- Name: _yoyo_version _yoyo_version_pkey; Type: CONSTRAINT; Schema: sai_etl_migrations; Owner: -
--

ALTER TABLE ONLY sai_etl_migrations._yoyo_version
    ADD CONSTRAINT _yoyo_version_pkey PRIMARY KEY (version);

--
-- Name: yoyo_lock yoyo_lock_pkey; Type: CONSTRAINT; Schema: sai_etl_migrations; Owner: -
--

ALTER TABLE ONLY sai_etl_migrations.yoyo_lock
    ADD CONSTRAINT yoyo_lock_pkey PRIMARY KEY (locked);

--
-- Name: outbox_queued_at_idx; Type: INDEX; Schema: sai_etl; Owner: -
--

CREATE INDEX outbox_queued_at_idx ON sai_etl.outbox USING btree (queued_at);

--
-- Name: execution_entity sai_etl_execution_finished; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER sai_etl_execution_finished AFTER UPDATE ON public.execution_entity DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sai_etl.on_execution_finished();

--
-- Name: TRIGGER sai_etl_execution_finished ON execution_entity; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER sai_etl_execution_finished ON public.execution_entity IS 'sai-etl Stage 1: an execution whose status becomes terminal goes to the dashboard at commit.';

--
-- Name: execution_entity sai_etl_execution_inserted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER sai_etl_execution_inserted AFTER INSERT ON public.execution_entity DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sai_etl.on_execution_finished();

--
-- Name: TRIGGER sai_etl_execution_inserted ON execution_entity; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER sai_etl_execution_inserted ON public.execution_entity IS 'sai-etl Stage 1: an execution inserted already finished goes to the dashboard at commit.';

--
-- Name: SCHEMA sai_etl; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA sai_etl TO sai_etl_reader;
GRANT USAGE ON SCHEMA sai_etl TO sai_etl_runner;

--
-- Name: FUNCTION dblink(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink(text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink(text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink(text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink(text, text) FROM PUBLIC;

--
-- Name: FUNCTION dblink(text, text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink(text, text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_build_sql_delete(text, int2vector, integer, text[]); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_build_sql_delete(text, int2vector, integer, text[]) FROM PUBLIC;

--
-- Name: FUNCTION dblink_build_sql_insert(text, int2vector, integer, text[], text[]); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_build_sql_insert(text, int2vector, integer, text[], text[]) FROM PUBLIC;

--
-- Name: FUNCTION dblink_build_sql_update(text, int2vector, integer, text[], text[]); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_build_sql_update(text, int2vector, integer, text[], text[]) FROM PUBLIC;

--
-- Name: FUNCTION dblink_cancel_query(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_cancel_query(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_close(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_close(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_close(text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_close(text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_close(text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_close(text, text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_close(text, text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_close(text, text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_connect(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_connect(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_connect(text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_connect(text, text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_current_query(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_current_query() FROM PUBLIC;

--
-- Name: FUNCTION dblink_disconnect(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_disconnect() FROM PUBLIC;

--
-- Name: FUNCTION dblink_disconnect(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_disconnect(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_error_message(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_error_message(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_exec(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_exec(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_exec(text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_exec(text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_exec(text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_exec(text, text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_exec(text, text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_exec(text, text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_fdw_validator(options text[], catalog oid); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_fdw_validator(options text[], catalog oid) FROM PUBLIC;

--
-- Name: FUNCTION dblink_fetch(text, integer); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_fetch(text, integer) FROM PUBLIC;

--
-- Name: FUNCTION dblink_fetch(text, integer, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_fetch(text, integer, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_fetch(text, text, integer); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_fetch(text, text, integer) FROM PUBLIC;

--
-- Name: FUNCTION dblink_fetch(text, text, integer, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_fetch(text, text, integer, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_get_connections(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_get_connections() FROM PUBLIC;

--
-- Name: FUNCTION dblink_get_notify(OUT notify_name text, OUT be_pid integer, OUT extra text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_get_notify(OUT notify_name text, OUT be_pid integer, OUT extra text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_get_notify(conname text, OUT notify_name text, OUT be_pid integer, OUT extra text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_get_notify(conname text, OUT notify_name text, OUT be_pid integer, OUT extra text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_get_pkey(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_get_pkey(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_get_result(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_get_result(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_get_result(text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_get_result(text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_is_busy(text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_is_busy(text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_open(text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_open(text, text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_open(text, text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_open(text, text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_open(text, text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_open(text, text, text) FROM PUBLIC;

--
-- Name: FUNCTION dblink_open(text, text, text, boolean); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_open(text, text, text, boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_send_query(text, text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.dblink_send_query(text, text) FROM PUBLIC;

--
-- Name: FUNCTION deliver(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.deliver(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION drain_outbox(p_limit integer); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.drain_outbox(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION sai_etl.drain_outbox(p_limit integer) TO sai_etl_runner;

--
-- Name: FUNCTION finished_execution(p_id integer); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.finished_execution(p_id integer) FROM PUBLIC;

--
-- Name: FUNCTION ingest_statement(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.ingest_statement(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text) FROM PUBLIC;

--
-- Name: FUNCTION keep_in_outbox(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_error text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.keep_in_outbox(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_error text) FROM PUBLIC;

--
-- Name: FUNCTION link_connect(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.link_connect() FROM PUBLIC;

--
-- Name: FUNCTION link_settle(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.link_settle() FROM PUBLIC;

--
-- Name: FUNCTION on_execution_finished(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.on_execution_finished() FROM PUBLIC;

--
-- Name: FUNCTION open_breaker(); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.open_breaker() FROM PUBLIC;

--
-- Name: FUNCTION push_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.push_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text) FROM PUBLIC;

--
-- Name: FUNCTION send_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.send_execution(p_id integer, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION setting(p_key text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.setting(p_key text) FROM PUBLIC;

--
-- Name: FUNCTION unwatch_workflow(p_workflow_id text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.unwatch_workflow(p_workflow_id text) FROM PUBLIC;

--
-- Name: FUNCTION watch_workflow(p_workflow_id text, p_note text); Type: ACL; Schema: sai_etl; Owner: -
--

REVOKE ALL ON FUNCTION sai_etl.watch_workflow(p_workflow_id text, p_note text) FROM PUBLIC;

--
-- Name: TABLE binary_data; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.binary_data TO sai_etl_reader;

--
-- Name: TABLE execution_data; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.execution_data TO sai_etl_reader;

--
-- Name: TABLE execution_entity; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.execution_entity TO sai_etl_reader;

--
-- Name: TABLE outbox; Type: ACL; Schema: sai_etl; Owner: -
--

GRANT SELECT ON TABLE sai_etl.outbox TO sai_etl_reader;
GRANT SELECT ON TABLE sai_etl.outbox TO sai_etl_runner;

--
-- Name: TABLE watched_workflows; Type: ACL; Schema: sai_etl; Owner: -
--

GRANT SELECT ON TABLE sai_etl.watched_workflows TO sai_etl_reader;
