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
-- Name: n8n; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA n8n;

--
-- Name: SCHEMA n8n; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA n8n IS 'Foreign tables of n8n''s database (read only, through server sai_n8n).';

--
-- Name: postgres_fdw; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS postgres_fdw WITH SCHEMA public;

--
-- Name: EXTENSION postgres_fdw; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION postgres_fdw IS 'foreign-data wrapper for remote PostgreSQL servers';

--
-- Name: etl_n8n_link_health(interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_n8n_link_health(p_window interval) RETURNS TABLE(n8n_reachable boolean, n8n_error text, outbox_depth bigint, outbox_oldest timestamp with time zone, n8n_finished bigint, n8n_missing bigint)
    LANGUAGE plpgsql SECURITY DEFINER ROWS 1
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
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

--
-- Name: FUNCTION etl_n8n_link_health(p_window interval); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_n8n_link_health(p_window interval) IS 'Through the n8n link: the outbox depth and its oldest row (Stage 1 deliveries waiting in n8n), and of the watched workflows'' executions that n8n finished within p_window (stoppedAt, not soft-deleted) how many there are and how many the dashboard lacks. One row; n8n_reachable false with n8n_error and NULL figures when n8n cannot be read.';

--
-- Name: etl_xmin_horizon(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_xmin_horizon() RETURNS TABLE(xid_age integer, holder text, since timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 1
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    -- Defined by the owner so other sessions' transactions are visible to the runner's role.
    SELECT h.xid_age, h.holder, h.since
    FROM (
        SELECT greatest(age(a.backend_xmin), age(a.backend_xid)) AS xid_age,
               format('backend %s (%s, %s)', a.pid, coalesce(nullif(a.application_name, ''), a.backend_type),
                      a.state) AS holder,
               a.xact_start AS since
        FROM pg_stat_activity AS a
        WHERE a.pid <> pg_backend_pid()
          AND (a.backend_xmin IS NOT NULL OR a.backend_xid IS NOT NULL)
          AND (a.datname = current_database() OR a.datid IS NULL)
        UNION ALL
        SELECT age(s.xmin), format('replication slot %s', s.slot_name), NULL
        FROM pg_replication_slots AS s
        WHERE s.xmin IS NOT NULL AND (s.database = current_database() OR s.database IS NULL)
        UNION ALL
        SELECT age(p.transaction), format('prepared transaction %s', p.gid), p.prepared
        FROM pg_prepared_xacts AS p
        WHERE p.database = current_database()
    ) AS h
    ORDER BY h.xid_age DESC
    LIMIT 1
$$;

--
-- Name: FUNCTION etl_xmin_horizon(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_xmin_horizon() IS 'The oldest transaction that keeps vacuum from removing dead rows in this database: a backend''s snapshot or xid (pg_stat_activity), a replication slot, or a prepared transaction; its age in transaction ids and, where known, since when. No row when nothing but the caller holds one.';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: etl_maintenance; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_maintenance (
    job text NOT NULL,
    last_started_at timestamp with time zone NOT NULL,
    last_finished_at timestamp with time zone NOT NULL,
    last_count bigint NOT NULL,
    total_count bigint NOT NULL,
    runs bigint NOT NULL,
    CONSTRAINT etl_maintenance_job_check CHECK ((job = ANY (ARRAY['prune_queue'::text, 'data_quality'::text, 'prune_originals'::text, 'prune_derived'::text, 'pruned_bytes'::text])))
);

--
-- Name: TABLE etl_maintenance; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_maintenance IS 'One row per maintenance job (prune_queue: queue rows deleted; data_quality: days recomputed): when it last ran and what it did, so health can show that maintenance runs at all.';

--
-- Name: COLUMN etl_maintenance.last_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_maintenance.last_count IS 'Rows pruned or days recomputed by the last run.';

--
-- Name: COLUMN etl_maintenance.total_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_maintenance.total_count IS 'Sum of last_count over every run.';

--
-- Name: etl_processing_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_processing_queue (
    id bigint NOT NULL,
    execution_id bigint NOT NULL,
    stage text DEFAULT 'stage2'::text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    priority smallint DEFAULT 1 NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    deferrals integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    locked_until timestamp with time zone,
    claim_token uuid,
    claimed_by text,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    processing_time_ms integer,
    rerun boolean DEFAULT false NOT NULL,
    extraction_pending boolean DEFAULT false NOT NULL,
    CONSTRAINT etl_processing_queue_claim_check CHECK (((status = 'processing'::text) = ((claim_token IS NOT NULL) AND (locked_until IS NOT NULL)))),
    CONSTRAINT etl_processing_queue_priority_check CHECK (((priority >= 1) AND (priority <= 10))),
    CONSTRAINT etl_processing_queue_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'processing'::text, 'completed'::text, 'failed'::text, 'skipped'::text])))
);

--
-- Name: TABLE etl_processing_queue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_processing_queue IS 'Stage 2 work: one item per execution. pending -> processing (leased to one claim token) -> completed; failed (retries exhausted) and skipped (n8n no longer has the data) are final until retried.';

--
-- Name: COLUMN etl_processing_queue.priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.priority IS '1 = new execution (first) ... 10 = backfill (last).';

--
-- Name: COLUMN etl_processing_queue.attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.attempts IS 'Claims spent on this item; a deferral (source not ready) spends none.';

--
-- Name: COLUMN etl_processing_queue.deferrals; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.deferrals IS 'Times the item was put back because n8n had not finished writing it.';

--
-- Name: COLUMN etl_processing_queue.next_attempt_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.next_attempt_at IS 'Not claimable before this (backoff with jitter, or deferral).';

--
-- Name: COLUMN etl_processing_queue.locked_until; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.locked_until IS 'Lease end of the live claim; after it the item may be claimed again.';

--
-- Name: COLUMN etl_processing_queue.claim_token; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.claim_token IS 'Token of the live claim: complete/fail are refused without it.';

--
-- Name: COLUMN etl_processing_queue.claimed_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.claimed_by IS 'Runner (host:pid) that holds or last held the claim.';

--
-- Name: COLUMN etl_processing_queue.last_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.last_error IS 'Last error of a failed or retried attempt.';

--
-- Name: COLUMN etl_processing_queue.processing_time_ms; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.processing_time_ms IS 'Claim to completion of the successful attempt.';

--
-- Name: COLUMN etl_processing_queue.rerun; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.rerun IS 'Fresher facts arrived while the item was processing: when that claim ends, the item goes back to pending (attempts reset) instead of completed or failed.';

--
-- Name: COLUMN etl_processing_queue.extraction_pending; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_processing_queue.extraction_pending IS 'Charged by etl_claim_charge (attempt counted, lease taken) and not yet extracted by etl_claim.';

--
-- Name: etl_runner_heartbeats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_runner_heartbeats (
    worker text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    status text,
    paused_since timestamp with time zone,
    paused_reason text
);

--
-- Name: TABLE etl_runner_heartbeats; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_runner_heartbeats IS 'One row per runner (host:pid), refreshed by etl_heartbeat() on every loop: `runner silent` fires when no runner has been seen for alert_runner_silent. Rows of runners gone longer than queue_retention are pruned by etl_maintenance().';

--
-- Name: COLUMN etl_runner_heartbeats.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_runner_heartbeats.started_at IS 'First heartbeat of this runner.';

--
-- Name: COLUMN etl_runner_heartbeats.last_seen_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_runner_heartbeats.last_seen_at IS 'Latest heartbeat of this runner.';

--
-- Name: COLUMN etl_runner_heartbeats.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_runner_heartbeats.status IS 'What the runner last said it was doing (free text), NULL when it said nothing.';

--
-- Name: COLUMN etl_runner_heartbeats.paused_since; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_runner_heartbeats.paused_since IS 'Since when the runner has stopped claiming because of a systemic fault (etl_runner_pause), NULL when it claims.';

--
-- Name: COLUMN etl_runner_heartbeats.paused_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_runner_heartbeats.paused_reason IS 'The systemic fault that pauses the runner (a revoked grant, a renamed column, an unreadable folder).';

--
-- Name: etl_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_settings (
    key text NOT NULL,
    value text NOT NULL,
    description text NOT NULL
);

--
-- Name: TABLE etl_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_settings IS 'Tunables of the dashboard side, read by the etl_* functions (etl_setting()).';

--
-- Name: etl_sweep_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_sweep_runs (
    id bigint NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    outbox_drained integer NOT NULL,
    reconciled integer NOT NULL
);

--
-- Name: TABLE etl_sweep_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_sweep_runs IS 'One row per Stage 1 sweep: what it recovered from the outbox and by reconciling.';

--
-- Name: executions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.executions (
    id bigint NOT NULL,
    workflow_id text NOT NULL,
    execution_timestamp timestamp with time zone NOT NULL,
    completion_timestamp timestamp with time zone NOT NULL,
    duration_ms bigint,
    status text NOT NULL,
    mode text NOT NULL,
    retry_of bigint,
    timing_complete boolean NOT NULL,
    node_id text,
    camera_id text,
    ingest_source text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    ingested_at timestamp with time zone GENERATED ALWAYS AS (created_at) STORED,
    device_id text,
    location text,
    camera_type text,
    capture_timestamp timestamp with time zone,
    software_version text,
    camera_metadata jsonb,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT executions_device_is_node CHECK ((NOT (device_id IS DISTINCT FROM node_id))),
    CONSTRAINT executions_duration_ms_check CHECK ((duration_ms >= 0)),
    CONSTRAINT executions_ingest_source_check CHECK ((ingest_source = ANY (ARRAY['trigger'::text, 'outbox'::text, 'reconcile'::text, 'backfill'::text])))
);

--
-- Name: TABLE executions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.executions IS 'One row per finished execution of a watched n8n workflow (Stage 1); node_id and camera_id come with Stage 2.';

--
-- Name: COLUMN executions.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.id IS 'n8n execution_entity.id.';

--
-- Name: COLUMN executions.execution_timestamp; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.execution_timestamp IS 'n8n startedAt; createdAt when n8n never started it (then timing_complete is false).';

--
-- Name: COLUMN executions.completion_timestamp; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.completion_timestamp IS 'n8n stoppedAt; the latest known earlier timestamp when n8n recorded none (then timing_complete is false).';

--
-- Name: COLUMN executions.duration_ms; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.duration_ms IS 'completion_timestamp - execution_timestamp, in milliseconds; NULL when n8n recorded the stop before the start (clock skew).';

--
-- Name: COLUMN executions.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.status IS 'n8n''s terminal status: success, error, crashed or canceled.';

--
-- Name: COLUMN executions.retry_of; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.retry_of IS 'n8n retryOf: the execution this one retried; NULL when n8n has none or it is no execution id.';

--
-- Name: COLUMN executions.timing_complete; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.timing_complete IS 'True when n8n recorded both startedAt and stoppedAt; false when a timestamp had to fall back.';

--
-- Name: COLUMN executions.node_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.node_id IS 'The camera node (device): metadata.json device_id, or node_id in the webhook request (Stage 2); NULL until known.';

--
-- Name: COLUMN executions.camera_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.camera_id IS 'The camera within its node: metadata.json camera_id, or camera_id in the webhook request (Stage 2); NULL until known.';

--
-- Name: COLUMN executions.ingest_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.ingest_source IS 'How Stage 1 saw it: trigger (live), outbox (after a dashboard outage), reconcile or backfill.';

--
-- Name: COLUMN executions.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.created_at IS 'When the dashboard first recorded the execution (Stage 1 lag).';

--
-- Name: COLUMN executions.ingested_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.ingested_at IS 'The same as created_at (generated), under the name sai-etl used first.';

--
-- Name: COLUMN executions.device_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.device_id IS 'The camera node, as the dashboard names it: always equal to node_id.';

--
-- Name: COLUMN executions.location; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.location IS 'metadata.json location (Stage 2); NULL when the camera did not say.';

--
-- Name: COLUMN executions.camera_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.camera_type IS 'metadata.json camera_type: onvif, rtsp, usb (Stage 2); NULL when not said.';

--
-- Name: COLUMN executions.capture_timestamp; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.capture_timestamp IS 'When the frame was taken: environment.capture_time_utc, else timestamp read in environment.timezone; NULL when only a naive local time is known (never read as UTC).';

--
-- Name: COLUMN executions.software_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.software_version IS 'metadata.json version: the camera node''s software (Stage 2).';

--
-- Name: COLUMN executions.camera_metadata; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.camera_metadata IS 'The camera''s metadata.json as posted, decoded (Stage 2); NULL when none was posted.';

--
-- Name: COLUMN executions.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.executions.updated_at IS 'When sai-etl last changed this row.';

--
-- Name: etl_pipeline_health; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_pipeline_health AS
 WITH settings AS (
         SELECT (max(s_1.value) FILTER (WHERE (s_1.key = 'health_window'::text)))::interval AS health_window,
            (max(s_1.value) FILTER (WHERE (s_1.key = 'alert_runner_silent'::text)))::interval AS runner_silent
           FROM public.etl_settings s_1
          WHERE (s_1.key = ANY (ARRAY['health_window'::text, 'alert_runner_silent'::text]))
        ), recent_executions AS (
         SELECT e.ingest_source,
            (EXTRACT(epoch FROM (e.created_at - e.completion_timestamp)) * (1000)::numeric) AS lag_ms,
            ((e.ingest_source <> 'backfill'::text) AND e.timing_complete) AS timed
           FROM (public.executions e
             CROSS JOIN settings s_1)
          WHERE (e.created_at >= (now() - s_1.health_window))
        ), stage1 AS (
         SELECT count(*) AS ingested,
            count(*) FILTER (WHERE (r_1.ingest_source = ANY (ARRAY['outbox'::text, 'reconcile'::text]))) AS recovered,
            count(*) FILTER (WHERE (r_1.ingest_source = 'backfill'::text)) AS backfilled,
            round(avg(r_1.lag_ms) FILTER (WHERE r_1.timed), 1) AS lag_avg_ms,
            round((percentile_cont((0.5)::double precision) WITHIN GROUP (ORDER BY ((r_1.lag_ms)::double precision)) FILTER (WHERE r_1.timed))::numeric, 1) AS lag_p50_ms,
            round((percentile_cont((0.99)::double precision) WITHIN GROUP (ORDER BY ((r_1.lag_ms)::double precision)) FILTER (WHERE r_1.timed))::numeric, 1) AS lag_p99_ms,
            round(max(r_1.lag_ms) FILTER (WHERE r_1.timed), 1) AS lag_max_ms
           FROM recent_executions r_1
        ), last_ingest AS (
         SELECT max(e.created_at) AS ingested_at
           FROM public.executions e
        ), last_sweep AS (
         SELECT r_1.finished_at,
            r_1.outbox_drained,
            r_1.reconciled
           FROM public.etl_sweep_runs r_1
          ORDER BY r_1.id DESC
         LIMIT 1
        ), sweeps AS (
         SELECT count(*) AS runs,
            COALESCE(sum((r_1.outbox_drained + r_1.reconciled)), (0)::bigint) AS recovered
           FROM (public.etl_sweep_runs r_1
             CROSS JOIN settings s_1)
          WHERE (r_1.started_at >= (now() - s_1.health_window))
        ), recent_completions AS (
         SELECT (EXTRACT(epoch FROM (q.completed_at - q.created_at)) * (1000)::numeric) AS latency_ms
           FROM (public.etl_processing_queue q
             CROSS JOIN settings s_1)
          WHERE ((q.status = 'completed'::text) AND (q.completed_at >= (now() - s_1.health_window)) AND (q.priority < 10))
        ), stage2 AS (
         SELECT round((percentile_cont((0.5)::double precision) WITHIN GROUP (ORDER BY ((c.latency_ms)::double precision)))::numeric, 1) AS latency_p50_ms,
            round((percentile_cont((0.99)::double precision) WITHIN GROUP (ORDER BY ((c.latency_ms)::double precision)))::numeric, 1) AS latency_p99_ms
           FROM recent_completions c
        ), runners AS (
         SELECT count(*) FILTER (WHERE (h.last_seen_at >= (now() - s_1.runner_silent))) AS alive,
            max(h.last_seen_at) AS last_heartbeat_at
           FROM (public.etl_runner_heartbeats h
             CROSS JOIN settings s_1)
        )
 SELECT s.health_window,
    st.ingested AS stage1_ingested,
    st.recovered AS stage1_recovered,
    st.backfilled AS stage1_backfilled,
    st.lag_avg_ms AS stage1_lag_avg_ms,
    st.lag_p50_ms AS stage1_lag_p50_ms,
    st.lag_p99_ms AS stage1_lag_p99_ms,
    st.lag_max_ms AS stage1_lag_max_ms,
    li.ingested_at AS last_ingested_at,
    n.n8n_reachable,
    n.n8n_error,
    n.outbox_depth,
    n.outbox_oldest,
    n.n8n_finished,
    n.n8n_missing,
    ls.finished_at AS last_sweep_at,
    ls.outbox_drained AS last_sweep_outbox_drained,
    ls.reconciled AS last_sweep_reconciled,
    sw.runs AS sweeps_in_window,
    sw.recovered AS sweep_recovered_in_window,
    s2.latency_p50_ms AS stage2_latency_p50_ms,
    s2.latency_p99_ms AS stage2_latency_p99_ms,
    r.alive AS runners_alive,
    r.last_heartbeat_at,
    m.last_finished_at AS data_quality_refreshed_at
   FROM ((((((((settings s
     CROSS JOIN stage1 st)
     CROSS JOIN last_ingest li)
     CROSS JOIN LATERAL public.etl_n8n_link_health(s.health_window) n(n8n_reachable, n8n_error, outbox_depth, outbox_oldest, n8n_finished, n8n_missing))
     LEFT JOIN last_sweep ls ON (true))
     CROSS JOIN sweeps sw)
     CROSS JOIN stage2 s2)
     CROSS JOIN runners r)
     LEFT JOIN public.etl_maintenance m ON ((m.job = 'data_quality'::text)));

--
-- Name: VIEW etl_pipeline_health; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_pipeline_health IS 'Both stages in one row, over health_window: Stage 1 executions recorded (recovered = by the outbox drain or the reconcile; backfilled) and lag from n8n''s stoppedAt to the dashboard row (avg, p50, p99, max; live executions with a recorded stoppedAt); through the n8n link the outbox depth and oldest row and the watched executions n8n finished that the dashboard lacks (n8n_reachable false and NULLs when n8n cannot be read); the last sweep and what sweeps recovered; Stage 2 latency queued -> completed (p50, p99; new executions, not backfills); runners seen within alert_runner_silent; when the data quality rollup was last refreshed.';

--
-- Name: etl_queue_health; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_queue_health AS
 WITH settings AS (
         SELECT (max(s_1.value) FILTER (WHERE (s_1.key = 'health_window'::text)))::interval AS health_window,
            (max(s_1.value) FILTER (WHERE (s_1.key = 'queue_retention'::text)))::interval AS queue_retention
           FROM public.etl_settings s_1
          WHERE (s_1.key = ANY (ARRAY['health_window'::text, 'queue_retention'::text]))
        ), counts AS (
         SELECT count(*) FILTER (WHERE (q.status = 'pending'::text)) AS pending_count,
            count(*) FILTER (WHERE (q.status = 'processing'::text)) AS processing_count,
            count(*) FILTER (WHERE (q.status = 'completed'::text)) AS completed_count,
            count(*) FILTER (WHERE (q.status = 'failed'::text)) AS failed_count,
            round(avg(q.processing_time_ms) FILTER (WHERE (q.status = 'completed'::text)), 1) AS avg_processing_time_ms,
            max(q.processing_time_ms) FILTER (WHERE (q.status = 'completed'::text)) AS max_processing_time_ms,
            min(q.created_at) FILTER (WHERE (q.status = 'pending'::text)) AS oldest_pending,
            count(*) FILTER (WHERE ((q.status = 'failed'::text) AND (q.attempts >= q.max_attempts))) AS permanently_failed,
            count(*) FILTER (WHERE (q.status = 'skipped'::text)) AS skipped_count,
            count(*) FILTER (WHERE ((q.status = 'pending'::text) AND (q.next_attempt_at <= now()))) AS ready_count,
            count(*) FILTER (WHERE ((q.status = 'pending'::text) AND (q.next_attempt_at > now()) AND (q.attempts = 0))) AS deferred_count,
            count(*) FILTER (WHERE ((q.status = 'pending'::text) AND (q.next_attempt_at > now()) AND (q.attempts > 0))) AS retrying_count,
            count(*) FILTER (WHERE ((q.status = 'processing'::text) AND (q.locked_until < now()))) AS expired_leases
           FROM public.etl_processing_queue q
        ), recent AS (
         SELECT count(*) AS completed_in_window,
            round(avg(q.processing_time_ms), 1) AS processing_avg_in_window_ms,
            round((percentile_cont((0.5)::double precision) WITHIN GROUP (ORDER BY ((q.processing_time_ms)::double precision)))::numeric, 1) AS processing_p50_in_window_ms,
            round((percentile_cont((0.99)::double precision) WITHIN GROUP (ORDER BY ((q.processing_time_ms)::double precision)))::numeric, 1) AS processing_p99_in_window_ms
           FROM (public.etl_processing_queue q
             CROSS JOIN settings)
          WHERE ((q.status = 'completed'::text) AND (q.completed_at >= (now() - settings.health_window)))
        ), failed_recent AS (
         SELECT count(*) AS failed_in_window
           FROM (public.etl_processing_queue q
             CROSS JOIN settings)
          WHERE ((q.status = 'failed'::text) AND (q.completed_at >= (now() - settings.health_window)))
        ), prunable AS (
         SELECT count(*) AS prunable_count
           FROM (public.etl_processing_queue q
             CROSS JOIN settings)
          WHERE ((q.status = 'completed'::text) AND (q.completed_at < (now() - settings.queue_retention)))
        )
 SELECT c.pending_count,
    c.processing_count,
    c.completed_count,
    c.failed_count,
    c.avg_processing_time_ms,
    c.max_processing_time_ms,
    c.oldest_pending,
    c.permanently_failed,
    c.skipped_count,
    c.ready_count,
    c.deferred_count,
    c.retrying_count,
    c.expired_leases,
    s.health_window,
    r.completed_in_window,
    f.failed_in_window,
    r.processing_avg_in_window_ms,
    r.processing_p50_in_window_ms,
    r.processing_p99_in_window_ms,
    t.n_live_tup AS live_tuples,
    t.n_dead_tup AS dead_tuples,
    GREATEST(t.last_vacuum, t.last_autovacuum) AS last_vacuum,
    x.xid_age AS oldest_xmin_age,
    x.holder AS oldest_xmin_holder,
    x.since AS oldest_xmin_since,
    s.queue_retention,
    p.prunable_count,
    m.last_started_at AS last_prune_at,
    m.last_count AS last_pruned,
    m.total_count AS pruned_total
   FROM (((((((counts c
     CROSS JOIN settings s)
     CROSS JOIN recent r)
     CROSS JOIN failed_recent f)
     CROSS JOIN prunable p)
     LEFT JOIN pg_stat_user_tables t ON ((t.relid = ('public.etl_processing_queue'::regclass)::oid)))
     LEFT JOIN public.etl_xmin_horizon() x(xid_age, holder, since) ON (true))
     LEFT JOIN public.etl_maintenance m ON ((m.job = 'prune_queue'::text)));

--
-- Name: VIEW etl_queue_health; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_queue_health IS 'The Stage 2 queue in one row. The seed''s columns first (avg/max processing time over the completed items still kept, see queue_retention; permanently_failed = failed after spending every attempt, the rest of failed_count failed without retry), then: ready (claimable now), deferred (n8n had not finished writing, no attempt spent), retrying (backoff after a failed attempt), expired leases (a runner died holding them), completions, failures and processing time p50/p99 within health_window, the queue table''s live and dead tuples (statistics), the oldest transaction holding back vacuum, and retention: completed items past queue_retention still waiting to be pruned, the last prune.';

--
-- Name: etl_alert_evaluate(public.etl_queue_health, public.etl_pipeline_health); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health) RETURNS TABLE(alert text, severity text, firing boolean, observed numeric, threshold numeric, unit text, message text)
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 11
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    WITH t AS (
        SELECT
            public.etl_setting('alert_pending_max')::numeric AS pending_max,
            trim_scale(extract(EPOCH FROM public.etl_setting('alert_avg_processing')::interval))
                AS avg_processing_s,
            public.etl_setting('alert_failed_max')::numeric AS failed_max,
            trim_scale(extract(EPOCH FROM public.etl_setting('alert_outbox_age')::interval))
                AS outbox_age_s,
            trim_scale(extract(EPOCH FROM public.etl_setting('alert_stage1_lag')::interval))
                AS stage1_lag_s,
            trim_scale(extract(EPOCH FROM public.etl_setting('alert_runner_silent')::interval))
                AS runner_silent_s,
            trim_scale(extract(EPOCH FROM public.etl_setting('alert_xmin_age')::interval))
                AS xmin_age_s,
            public.etl_setting('alert_image_free_bytes')::numeric AS image_free_bytes,
            nullif(public.etl_setting('alert_image_root_bytes'), 'none')::numeric AS image_root_bytes
    ),
    img AS (
        SELECT min(s.free_bytes) AS free_bytes, max(s.used_bytes) AS used_bytes
        FROM public.etl_image_stores AS s
    ),
    v AS (
        SELECT
            trim_scale(round(q.processing_avg_in_window_ms / 1000, 3)) AS avg_processing_s,
            trim_scale(round(extract(EPOCH FROM now() - p.outbox_oldest), 1)) AS outbox_age_s,
            trim_scale(round(p.stage1_lag_p99_ms / 1000, 3)) AS stage1_lag_s,
            trim_scale(round(extract(EPOCH FROM now() - p.last_heartbeat_at), 1)) AS silent_s,
            trim_scale(round(extract(EPOCH FROM now() - q.oldest_xmin_since), 1)) AS xmin_s
    )
    SELECT 'runner_silent', 'critical', v.silent_s IS NULL OR v.silent_s > t.runner_silent_s,
           v.silent_s, t.runner_silent_s, 'seconds',
           CASE WHEN v.silent_s IS NULL THEN 'no runner has sent a heartbeat'
                ELSE format('last runner heartbeat %s s ago (alert above %s s)', v.silent_s, t.runner_silent_s) END
    FROM t, v
    UNION ALL
    SELECT 'stage2_paused', 'critical', r.worker IS NOT NULL, trim_scale(round(extract(EPOCH FROM now() - r.paused_since), 1)),
           NULL, 'seconds',
           CASE WHEN r.worker IS NULL THEN 'no runner is paused'
                ELSE format('runner %s stopped claiming %s s ago: %s', r.worker,
                            trim_scale(round(extract(EPOCH FROM now() - r.paused_since), 1)), r.paused_reason) END
    FROM t
    LEFT JOIN LATERAL (
        -- Live runners only: a paused runner that died is runner_silent's business.
        SELECT h.worker, h.paused_since, h.paused_reason
        FROM public.etl_runner_heartbeats AS h
        WHERE h.paused_since IS NOT NULL AND h.last_seen_at > now() - make_interval(secs => t.runner_silent_s)
        ORDER BY h.paused_since
        LIMIT 1
    ) AS r ON true
    UNION ALL
    SELECT 'n8n_unreachable', 'critical', NOT p.n8n_reachable, NULL, NULL, NULL,
           CASE WHEN p.n8n_reachable THEN 'n8n answers through the link'
                ELSE format('n8n cannot be read through the link: %s', p.n8n_error) END
    UNION ALL
    SELECT 'outbox_not_draining', 'critical', coalesce(v.outbox_age_s > t.outbox_age_s, false),
           v.outbox_age_s, t.outbox_age_s, 'seconds',
           CASE WHEN p.outbox_depth IS NULL THEN 'outbox unknown: n8n cannot be read'
                WHEN p.outbox_depth = 0 THEN 'outbox empty'
                ELSE format('%s outbox rows, the oldest waiting %s s (alert above %s s)',
                            p.outbox_depth, v.outbox_age_s, t.outbox_age_s) END
    FROM t, v
    UNION ALL
    SELECT 'queue_backlog', 'warning', q.pending_count > t.pending_max,
           q.pending_count, t.pending_max, 'items',
           format('%s items pending Stage 2 (alert above %s)', q.pending_count, t.pending_max)
    FROM t
    UNION ALL
    SELECT 'slow_processing', 'warning', coalesce(v.avg_processing_s > t.avg_processing_s, false),
           v.avg_processing_s, t.avg_processing_s, 'seconds',
           CASE WHEN v.avg_processing_s IS NULL THEN format('no item completed in the last %s', q.health_window)
                ELSE format('Stage 2 processing took %s s on average in the last %s (alert above %s s)',
                            v.avg_processing_s, q.health_window, t.avg_processing_s) END
    FROM t, v
    UNION ALL
    SELECT 'failed_increasing', 'warning', q.failed_in_window > t.failed_max,
           q.failed_in_window, t.failed_max, 'items',
           format('%s items failed in the last %s (alert above %s)', q.failed_in_window, q.health_window, t.failed_max)
    FROM t
    UNION ALL
    SELECT 'stage1_lag', 'warning', coalesce(v.stage1_lag_s > t.stage1_lag_s, false),
           v.stage1_lag_s, t.stage1_lag_s, 'seconds',
           CASE WHEN v.stage1_lag_s IS NULL THEN format('no live execution recorded in the last %s', p.health_window)
                ELSE format('Stage 1 lag p99 %s s in the last %s (alert above %s s)',
                            v.stage1_lag_s, p.health_window, t.stage1_lag_s) END
    FROM t, v
    UNION ALL
    SELECT 'vacuum_held_back', 'warning', coalesce(v.xmin_s > t.xmin_age_s, false),
           v.xmin_s, t.xmin_age_s, 'seconds',
           CASE WHEN q.oldest_xmin_holder IS NULL THEN 'no other transaction holds back vacuum'
                WHEN v.xmin_s IS NULL THEN format('%s holds back vacuum by %s transactions (since unknown)',
                                                  q.oldest_xmin_holder, q.oldest_xmin_age)
                ELSE format('%s holds back vacuum by %s transactions, for %s s (alert above %s s)',
                            q.oldest_xmin_holder, q.oldest_xmin_age, v.xmin_s, t.xmin_age_s) END
    FROM t, v
    UNION ALL
    SELECT 'image_disk_low', 'critical', coalesce(img.free_bytes < t.image_free_bytes, false),
           img.free_bytes, t.image_free_bytes, 'bytes',
           CASE WHEN img.free_bytes IS NULL THEN 'no runner has reported its image root yet'
                ELSE format('%s bytes free on the fullest image root (alert below %s)',
                            img.free_bytes, t.image_free_bytes) END
    FROM t, img
    UNION ALL
    SELECT 'image_root_large', 'warning', coalesce(img.used_bytes > t.image_root_bytes, false),
           img.used_bytes, t.image_root_bytes, 'bytes',
           CASE WHEN img.used_bytes IS NULL THEN 'no image root measured yet'
                WHEN t.image_root_bytes IS NULL THEN format('largest image root %s bytes (no alert set)', img.used_bytes)
                ELSE format('largest image root %s bytes (alert above %s)', img.used_bytes, t.image_root_bytes) END
    FROM t, img
$$;

--
-- Name: FUNCTION etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health) IS 'Every alert rule against one row of etl_queue_health and one of etl_pipeline_health, thresholds from etl_settings (alert_*): runner_silent (no heartbeat for alert_runner_silent, or never), stage2_paused (a live runner stopped claiming because of a systemic fault, etl_runner_pause), n8n_unreachable, outbox_not_draining (oldest outbox row older than alert_outbox_age), queue_backlog (pending > alert_pending_max), slow_processing (avg processing in health_window > alert_avg_processing), failed_increasing (items failed in health_window > alert_failed_max), stage1_lag (p99 > alert_stage1_lag), vacuum_held_back (a transaction older than alert_xmin_age holds the xmin horizon), image_disk_low (an image root''s file system has less free space than alert_image_free_bytes), image_root_large (an image root is larger than alert_image_root_bytes, none: off). A figure that is not known (nothing completed, n8n unreadable) does not fire its alert; n8n_unreachable fires instead.';

--
-- Name: etl_analysis_facts(jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_analysis_facts(p_doc jsonb, p_node text, OUT risk_level text, OUT confidence_score numeric, OUT analysis_text text, OUT model_version text, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT processing_time_ms bigint, OUT raw_response jsonb) RETURNS record
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    v_run record := public.etl_node_run(p_doc, p_node);
    v_parsed record;
BEGIN
    IF NOT v_run.ran OR v_run.failed OR v_run.item_path IS NULL THEN
        RETURN;
    END IF;
    raw_response := public.etl_flatted_decode(p_doc, v_run.item_path || '{json}');
    IF jsonb_typeof(raw_response) IS DISTINCT FROM 'object' THEN
        raw_response := NULL;
        RETURN;
    END IF;
    -- Ollama's /api/generate answers in `response`; /api/chat in message.content.
    analysis_text := CASE
        WHEN jsonb_typeof(raw_response -> 'response') = 'string' THEN raw_response ->> 'response'
        WHEN jsonb_typeof(raw_response #> '{message,content}') = 'string' THEN raw_response #>> '{message,content}'
    END;
    model_version := CASE WHEN jsonb_typeof(raw_response -> 'model') = 'string' THEN raw_response ->> 'model' END;
    processing_time_ms := CASE
        -- Beyond 27 hours (numeric(10,2) ms) it is no duration: not known.
        WHEN jsonb_typeof(raw_response -> 'total_duration') = 'number'
            AND (raw_response ->> 'total_duration')::numeric BETWEEN 0 AND 99999999e6
            THEN round((raw_response ->> 'total_duration')::numeric / 1000000)::bigint
    END;
    IF analysis_text IS NOT NULL THEN
        SELECT * INTO v_parsed FROM public.etl_parse_analysis(analysis_text);
        risk_level := v_parsed.risk_level;
        confidence_score := v_parsed.confidence_score;
        smoke_detected := v_parsed.smoke_detected;
        flame_detected := v_parsed.flame_detected;
        heat_signature_detected := v_parsed.heat_signature_detected;
    END IF;
END
$$;

--
-- Name: FUNCTION etl_analysis_facts(p_doc jsonb, p_node text, OUT risk_level text, OUT confidence_score numeric, OUT analysis_text text, OUT model_version text, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT processing_time_ms bigint, OUT raw_response jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_analysis_facts(p_doc jsonb, p_node text, OUT risk_level text, OUT confidence_score numeric, OUT analysis_text text, OUT model_version text, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT processing_time_ms bigint, OUT raw_response jsonb) IS 'The analysis node''s answer in a parsed flatted execution, when its last run succeeded with an output item; all NULL (raw_response NULL says it) when the node is NULL, did not run, failed or output nothing, or its run is n8n''s crash-recovery stand-in (a placeholder or a crashed run, etl_node_run): then the execution has no analysis, and no field is pretended. raw_response = the output item''s json, decoded; analysis_text = its response (Ollama /api/generate) or message.content (/api/chat); model_version = its model; processing_time_ms = total_duration (ns) in ms, rounded; risk, confidence and detections from etl_parse_analysis(analysis_text). Each is NULL when the answer does not say it.';

--
-- Name: etl_camera_ids(jsonb, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_camera_ids(p_doc jsonb, p_item_path text[], OUT node_id text, OUT camera_id text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_place text;
    v_value jsonb;
BEGIN
    IF p_item_path IS NULL THEN
        RETURN;
    END IF;
    -- The body wins over the query string, which wins over headers (n8n lowercases their names).
    FOREACH v_place IN ARRAY ARRAY['body', 'query', 'headers'] LOOP
        IF node_id IS NULL THEN
            v_value := public.etl_flatted_node(p_doc, p_item_path
                || ARRAY['json', v_place, CASE v_place WHEN 'headers' THEN 'x-node-id' ELSE 'node_id' END]);
            IF jsonb_typeof(v_value) IN ('string', 'number') AND v_value #>> '{}' <> '' THEN
                node_id := v_value #>> '{}';
            END IF;
        END IF;
        IF camera_id IS NULL THEN
            v_value := public.etl_flatted_node(p_doc, p_item_path
                || ARRAY['json', v_place, CASE v_place WHEN 'headers' THEN 'x-camera-id' ELSE 'camera_id' END]);
            IF jsonb_typeof(v_value) IN ('string', 'number') AND v_value #>> '{}' <> '' THEN
                camera_id := v_value #>> '{}';
            END IF;
        END IF;
    END LOOP;
END
$$;

--
-- Name: FUNCTION etl_camera_ids(p_doc jsonb, p_item_path text[], OUT node_id text, OUT camera_id text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_camera_ids(p_doc jsonb, p_item_path text[], OUT node_id text, OUT camera_id text) IS 'node_id and camera_id of the webhook item at p_item_path (etl_webhook_item) in a parsed flatted execution: from json.body, else json.query, else the x-node-id / x-camera-id headers; a non-empty string or a number, kept as text exactly as sent. NULL when the request did not say (or p_item_path is NULL).';

--
-- Name: etl_claim(text, integer, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_claim(p_worker text, p_batch integer, p_lease_seconds double precision) RETURNS TABLE(queue_id bigint, execution_id bigint, claim_token uuid, attempt integer, image_source text, image_base64 text, image_path text, image_bytes bytea, image_mime_type text, image_file_name text, image_reason text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_item record;
    v_found record;
    v_error text;
    v_detail text;
    v_state text;
BEGIN
    IF p_batch IS NULL OR p_batch < 1 OR p_lease_seconds IS NULL OR p_lease_seconds <= 0 THEN
        RAISE EXCEPTION 'etl_claim: batch must be >= 1 and lease > 0 seconds, got % and %', p_batch, p_lease_seconds
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Called alone (tests, tools), the claim charges its batch itself, in its own transaction: an
    -- extraction that kills the backend then undoes the charge too. The runner charges first.
    IF NOT EXISTS (
        SELECT FROM public.etl_processing_queue AS q
        WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending
    ) THEN
        PERFORM public.etl_claim_charge(p_worker, p_batch, p_lease_seconds);
    END IF;

    FOR v_item IN
        SELECT q.id, q.execution_id, q.attempts, q.max_attempts, q.deferrals
        FROM public.etl_processing_queue AS q
        WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending
        ORDER BY q.priority, q.next_attempt_at, q.id
        LIMIT p_batch
        FOR UPDATE
    LOOP
        BEGIN
            -- One subtransaction per execution: its extraction lands whole or not at all, and one
            -- bad execution does not cost the others their claim.
            SELECT * INTO STRICT v_found FROM public.etl_extract_execution(v_item.execution_id);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_state = RETURNED_SQLSTATE;
            v_error := SQLERRM || coalesce(': ' || nullif(v_detail, ''), '');
            -- n8n's database cannot be read (connection exception, or its server shutting down or
            -- starting): no fault of this item, and every other item would fail alike. Abort the
            -- whole claim, spending nothing; the runner backs off and tries again. SAI02 is
            -- sai-etl's "n8n unreachable" (docs/guarantees-faults.md), the one code it matches.
            IF v_state LIKE '08%' OR v_state IN ('57P01', '57P02', '57P03') THEN
                RAISE EXCEPTION 'etl_claim: cannot read n8n''s database, nothing claimed: %', v_error
                    USING ERRCODE = 'SAI02', DETAIL = 'the link''s SQLSTATE: ' || v_state;
            END IF;
            -- n8n's database refuses the read itself (class 42: a revoked grant, a column or table
            -- renamed by an n8n upgrade): systemic, every item would fail alike. Abort the claim,
            -- spending nothing; the runner pauses until the cause is gone (SAI03).
            IF left(v_state, 2) = '42' THEN
                RAISE EXCEPTION 'etl_claim: n8n''s database refuses the read, nothing claimed: %', v_error
                    USING ERRCODE = 'SAI03', DETAIL = 'SQLSTATE ' || v_state;
            END IF;
            -- The attempt was charged already (etl_claim_charge).
            UPDATE public.etl_processing_queue AS q
            SET status = CASE WHEN q.attempts >= q.max_attempts THEN 'failed' ELSE 'pending' END,
                completed_at = CASE WHEN q.attempts >= q.max_attempts THEN now() END,
                next_attempt_at = now() + public.etl_retry_delay(q.attempts),
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                last_error = 'extraction failed: ' || v_error
            WHERE q.id = v_item.id;
            CONTINUE;
        END;

        -- n8n not showing an execution the dashboard recorded moments ago proves nothing yet: the
        -- trigger delivers it before n8n's commit is visible (an execution inserted already
        -- finished). Gone means gone only after gone_grace.
        IF v_found.outcome = 'gone' AND EXISTS (
            SELECT FROM public.executions AS e
            WHERE e.id = v_item.execution_id
              AND e.created_at > now() - public.etl_setting('gone_grace')::interval
        ) THEN
            v_found.outcome := 'not_ready';
        END IF;
        IF v_found.outcome = 'not_ready' THEN
            -- Not n8n's final word yet: no attempt spent (the charge is refunded).
            UPDATE public.etl_processing_queue AS q
            SET status = 'pending', attempts = q.attempts - 1,
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                deferrals = q.deferrals + 1,
                next_attempt_at = now() + public.etl_defer_delay(q.deferrals)
            WHERE q.id = v_item.id;
            CONTINUE;
        ELSIF v_found.outcome = 'unreadable' THEN
            -- Object storage (n8n's licensed s3/az modes): no attempt helps; final, with its reason,
            -- counted in health with the failed items.
            UPDATE public.etl_processing_queue AS q
            SET status = 'failed', completed_at = now(), claimed_by = p_worker, attempts = q.attempts - 1,
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                last_error = 'execution data not readable: ' || v_found.reason
            WHERE q.id = v_item.id;
            CONTINUE;
        ELSIF v_found.outcome = 'gone' THEN
            UPDATE public.etl_processing_queue AS q
            SET status = 'skipped', completed_at = now(), attempts = q.attempts - 1,
                claim_token = NULL, locked_until = NULL, extraction_pending = false,
                last_error = 'source gone: ' || coalesce(v_found.reason, 'n8n no longer has the execution data')
            WHERE q.id = v_item.id;
            CONTINUE;
        END IF;

        UPDATE public.etl_processing_queue AS q
        SET extraction_pending = false
        WHERE q.id = v_item.id
        RETURNING q.id, q.execution_id, q.claim_token, q.attempts
        INTO queue_id, execution_id, claim_token, attempt;
        -- bundle: the runner reads n8n's bundle.json (image_path) and hands it to
        -- etl_extract_claimed_bundle, which returns the real locator.
        image_source := CASE WHEN v_found.outcome = 'bundle' THEN 'bundle' ELSE v_found.image_source END;
        image_base64 := v_found.image_base64;
        image_path := v_found.image_path;
        image_bytes := v_found.image_bytes;
        image_mime_type := v_found.image_mime_type;
        image_file_name := v_found.image_file_name;
        image_reason := v_found.reason;
        RETURN NEXT;
    END LOOP;
END
$$;

--
-- Name: FUNCTION etl_claim(p_worker text, p_batch integer, p_lease_seconds double precision); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_claim(p_worker text, p_batch integer, p_lease_seconds double precision) IS 'Extracts the items etl_claim_charge took and charged for p_worker (called alone, it charges up to p_batch ready items itself first, in the same transaction). Runs the SQL extraction of each (etl_extract_execution) and returns the claimed ones with their image payload (image_reason: why a frame n8n recorded cannot be handed over, e.g. a storage mode sai-etl does not read) and a claim token for etl_complete/etl_fail; image_source bundle: n8n keeps the execution on its disk, image_path is its bundle.json for etl_extract_claimed_bundle. Items whose data n8n keeps in object storage end failed with the reason. Not returned: items n8n has not finished writing (deferred, no attempt spent), items whose source is gone (skipped, once the execution was recorded longer ago than setting gone_grace; deferred before), items whose extraction failed (retried with backoff, failed after max_attempts). When n8n''s database cannot be read through the link (SQLSTATE class 08 or 57P01-57P03) it raises SAI02; when n8n refuses the read (class 42: a revoked grant, a renamed column or table) it raises SAI03; either way it changes nothing, and items charged before stay charged until etl_claim_refund.';

--
-- Name: etl_claim_charge(text, integer, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_claim_charge(p_worker text, p_batch integer, p_lease_seconds double precision) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_count integer;
BEGIN
    IF p_batch IS NULL OR p_batch < 1 OR p_lease_seconds IS NULL OR p_lease_seconds <= 0 THEN
        RAISE EXCEPTION 'etl_claim_charge: batch must be >= 1 and lease > 0 seconds, got % and %', p_batch, p_lease_seconds
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM public.etl_reap_expired_leases();
    -- Items this worker charged before but never extracted: the claim that should have died
    -- with its backend, maybe because of one of them. Never extract them again; their lease
    -- runs out (the attempt stays spent) and the reaper hands them out anew.
    UPDATE public.etl_processing_queue AS q
    SET extraction_pending = false
    WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending;
    -- Charged before the extraction runs, in a transaction of its own: an extraction that kills
    -- its backend (memory) rolls back etl_claim, not this. The lease then runs out, and the
    -- reaper fails the item once its attempts are spent.
    UPDATE public.etl_processing_queue AS q
    SET status = 'processing',
        attempts = q.attempts + 1,
        claim_token = gen_random_uuid(),
        locked_until = now() + make_interval(secs => p_lease_seconds),
        claimed_by = p_worker,
        started_at = now(),
        extraction_pending = true
    WHERE q.id IN (
        SELECT r.id
        FROM public.etl_processing_queue AS r
        WHERE r.status = 'pending' AND r.next_attempt_at <= now()
        ORDER BY r.priority, r.next_attempt_at, r.id
        LIMIT p_batch
        FOR UPDATE SKIP LOCKED
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_claim_charge(p_worker text, p_batch integer, p_lease_seconds double precision); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_claim_charge(p_worker text, p_batch integer, p_lease_seconds double precision) IS 'First step of a claim, committed on its own: returns expired leases, then takes up to p_batch ready items (priority order, SKIP LOCKED) for p_worker with a lease of p_lease_seconds and charges each an attempt before any extraction runs. etl_claim then extracts them. Returns how many it took.';

--
-- Name: etl_claim_refund(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_claim_refund(p_worker text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', attempts = greatest(q.attempts - 1, 0), next_attempt_at = now(),
        claim_token = NULL, locked_until = NULL, extraction_pending = false
    WHERE q.claimed_by = p_worker AND q.status = 'processing' AND q.extraction_pending;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_claim_refund(p_worker text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_claim_refund(p_worker text) IS 'Returns p_worker''s charged items that etl_claim did not extract (it raised: n8n unreachable, SAI02, or refusing the read, SAI03) to pending with their attempt refunded. Returns how many.';

--
-- Name: etl_complete(bigint, uuid, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb DEFAULT NULL::jsonb) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_execution_id bigint;
    v_again boolean;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = CASE WHEN q.rerun THEN 'pending' ELSE 'completed' END,
        completed_at = CASE WHEN NOT q.rerun THEN clock_timestamp() END,
        -- Fresher facts arrived meanwhile (etl_ingest_execution): this work stands until the
        -- item has run again on them.
        attempts = CASE WHEN q.rerun THEN 0 ELSE q.attempts END,
        next_attempt_at = now(),
        rerun = false,
        processing_time_ms = (extract(EPOCH FROM clock_timestamp() - q.started_at) * 1000)::integer,
        claim_token = NULL,
        locked_until = NULL,
        last_error = NULL
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing'
    RETURNING q.execution_id, q.status = 'pending' INTO v_execution_id, v_again;
    IF NOT FOUND THEN
        -- The claim is no longer live (lease expired and reaped, or claimed anew): its work is void.
        RETURN false;
    END IF;

    IF p_image IS NULL THEN
        DELETE FROM public.execution_images WHERE execution_id = v_execution_id;
    ELSE
        INSERT INTO public.execution_images AS i (
            execution_id, source, valid, invalid_reason, format, width, height, size_bytes, sha256,
            original_path, thumbnail_path, cached_path, claimed_mime_type, file_name, extracted_at
        ) VALUES (
            v_execution_id,
            p_image ->> 'source',
            (p_image ->> 'valid')::boolean,
            p_image ->> 'invalid_reason',
            p_image ->> 'format',
            (p_image ->> 'width')::integer,
            (p_image ->> 'height')::integer,
            (p_image ->> 'size_bytes')::bigint,
            p_image ->> 'sha256',
            p_image ->> 'original_path',
            p_image ->> 'thumbnail_path',
            p_image ->> 'display_path',
            p_image ->> 'claimed_mime_type',
            p_image ->> 'file_name',
            now()
        )
        ON CONFLICT (execution_id) DO UPDATE SET
            source = excluded.source, valid = excluded.valid, invalid_reason = excluded.invalid_reason,
            format = excluded.format, width = excluded.width, height = excluded.height,
            size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
            original_path = excluded.original_path, thumbnail_path = excluded.thumbnail_path,
            cached_path = excluded.cached_path, claimed_mime_type = excluded.claimed_mime_type,
            file_name = excluded.file_name, extracted_at = excluded.extracted_at;
    END IF;
    IF v_again THEN
        PERFORM public.etl_notify_stage2(v_execution_id);
    END IF;
    RETURN true;
END
$$;

--
-- Name: FUNCTION etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb) IS 'Completes a claimed item when p_claim_token is its live claim, recording the image (p_image keys: source, valid, invalid_reason, format, width, height, size_bytes, sha256, original_path, thumbnail_path, display_path, claimed_mime_type, file_name; NULL = the execution has no image). Returns false, changing nothing, for a claim that is no longer live. An item marked rerun (fresher facts arrived while it was processing) goes back to pending with its attempts reset.';

--
-- Name: etl_count_image_bytes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_count_image_bytes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    UPDATE public.etl_counters AS k SET value = k.value + s.bytes
    FROM (
        SELECT sum(n.size_bytes) AS bytes FROM new_rows AS n WHERE n.valid AND n.size_bytes > 0
    ) AS s
    WHERE k.name = 'image_bytes_written' AND s.bytes IS NOT NULL;
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION etl_count_image_bytes(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_count_image_bytes() IS 'Statement trigger of execution_images (after insert, transition table new_rows): adds the size_bytes of the valid originals inserted to the image_bytes_written counter. A reprocessed image is written again, and counted again.';

--
-- Name: etl_count_n8n_finished(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_count_n8n_finished(p_since timestamp with time zone) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT count(*)
    FROM n8n.execution_entity AS e
    WHERE e."workflowId" = ANY (ARRAY(SELECT workflow_id FROM n8n.watched_workflows))
      AND e.status IN ('success', 'error', 'crashed', 'canceled')
      AND (e."stoppedAt" >= p_since OR e."stoppedAt" IS NULL AND e."createdAt" >= p_since)
$$;

--
-- Name: FUNCTION etl_count_n8n_finished(p_since timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_count_n8n_finished(p_since timestamp with time zone) IS 'Finished executions of watched workflows in n8n that stopped at or after p_since (backfill progress).';

--
-- Name: etl_count_queue_outcomes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_count_queue_outcomes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_counts record;
BEGIN
    -- Transition tables: one pass per statement (a claim changes many rows at once).
    IF tg_op = 'UPDATE' THEN
        SELECT
            count(*) FILTER (WHERE n.status = 'completed' AND o.status <> 'completed') AS completed,
            count(*) FILTER (WHERE n.status = 'failed' AND o.status <> 'failed') AS failed,
            count(*) FILTER (WHERE n.status = 'skipped' AND o.status <> 'skipped') AS skipped,
            count(*) FILTER (WHERE o.attempts >= 1 AND n.attempts > o.attempts) AS retried
        INTO v_counts
        FROM new_rows AS n
        INNER JOIN old_rows AS o ON o.id = n.id;
    ELSE
        SELECT
            count(*) FILTER (WHERE n.status = 'completed') AS completed,
            count(*) FILTER (WHERE n.status = 'failed') AS failed,
            count(*) FILTER (WHERE n.status = 'skipped') AS skipped,
            0 AS retried
        INTO v_counts
        FROM new_rows AS n;
    END IF;
    -- Only counters that grow are touched: a claim (pending -> processing) locks nothing.
    UPDATE public.etl_counters AS k SET value = k.value + c.n
    FROM (VALUES ('completed', v_counts.completed), ('failed', v_counts.failed),
                 ('skipped', v_counts.skipped), ('retried', v_counts.retried)) AS c (name, n)
    WHERE k.name = c.name AND c.n > 0;
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION etl_count_queue_outcomes(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_count_queue_outcomes() IS 'Statement trigger of etl_processing_queue (insert and update): adds to etl_counters the items that entered completed, failed or skipped, and as retried the attempts started on items that had an attempt before (an attempt handed back at shutdown and started again counts again).';

--
-- Name: etl_data_quality_of_day(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_data_quality_of_day(p_day date) RETURNS TABLE(ordinal smallint, field text, executions bigint, present bigint)
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 15
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    WITH counted AS (
        SELECT
            count(*) AS n,
            count(a.analysis_source) AS analysis,
            count(a.risk_level) AS risk_level,
            count(a.confidence_score) AS confidence_score,
            count(a.analysis_text) AS analysis_text,
            count(a.model_version) AS model_version,
            count(a.smoke_detected) AS smoke_detected,
            count(a.flame_detected) AS flame_detected,
            count(a.heat_signature_detected) AS heat_signature_detected,
            count(a.processing_time_ms) AS processing_time_ms,
            count(e.node_id) AS node_id,
            count(e.camera_id) AS camera_id,
            count(i.execution_id) AS image,
            count(*) FILTER (WHERE i.valid) AS image_valid,
            count(n.telegram_sent) AS telegram_sent,
            count(n.telegram_message_id) AS telegram_message_id
        FROM public.executions AS e
        LEFT JOIN public.execution_analysis AS a ON a.execution_id = e.id
        LEFT JOIN public.execution_images AS i ON i.execution_id = e.id
        LEFT JOIN public.execution_notifications AS n ON n.execution_id = e.id
        -- A UTC day, as a range on the indexed column.
        WHERE e.completion_timestamp >= p_day::timestamp AT TIME ZONE 'UTC'
          AND e.completion_timestamp < (p_day + 1)::timestamp AT TIME ZONE 'UTC'
    )
    SELECT f.ordinal, f.field, c.n, f.present
    FROM counted AS c
    CROSS JOIN LATERAL (VALUES
        (1::smallint, 'analysis', c.analysis),
        (2::smallint, 'risk_level', c.risk_level),
        (3::smallint, 'confidence_score', c.confidence_score),
        (4::smallint, 'analysis_text', c.analysis_text),
        (5::smallint, 'model_version', c.model_version),
        (6::smallint, 'smoke_detected', c.smoke_detected),
        (7::smallint, 'flame_detected', c.flame_detected),
        (8::smallint, 'heat_signature_detected', c.heat_signature_detected),
        (9::smallint, 'processing_time_ms', c.processing_time_ms),
        (10::smallint, 'node_id', c.node_id),
        (11::smallint, 'camera_id', c.camera_id),
        (12::smallint, 'image', c.image),
        (13::smallint, 'image_valid', c.image_valid),
        (14::smallint, 'telegram_sent', c.telegram_sent),
        (15::smallint, 'telegram_message_id', c.telegram_message_id)
    ) AS f (ordinal, field, present)
$$;

--
-- Name: FUNCTION etl_data_quality_of_day(p_day date); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_data_quality_of_day(p_day date) IS 'For the executions that finished on UTC day p_day: per Stage 2 field, how many have it (not NULL). analysis = the model answered (an execution_analysis row), image = a frame was found, image_valid = it decoded as an image, telegram_sent = known whether Telegram was sent (NULL when the workflow has no Telegram node). Reads the day''s range of executions_completion_timestamp_idx only.';

--
-- Name: etl_defer_delay(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_defer_delay(p_deferrals integer) RETURNS interval
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    -- The dashboard learns of an execution (dblink, NOTIFY) a moment before n8n's own commit
    -- makes it visible, so a fast runner often finds it not yet finished: the first re-check
    -- comes after defer_seconds / 32 (16 ms), then the wait doubles. An execution whose finish
    -- n8n rolled back may stay unfinished for long, so the wait grows to a minute; no attempt is
    -- spent.
    SELECT make_interval(secs =>
        least(
            public.etl_setting('defer_seconds')::double precision
                * power(2, least(greatest(p_deferrals, 0), 20) - 5),
            60
        )
    )
$$;

--
-- Name: FUNCTION etl_defer_delay(p_deferrals integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_defer_delay(p_deferrals integer) IS 'Delay before re-checking an execution n8n has not finished writing, after p_deferrals earlier re-checks: defer_seconds * 2^(n-5) (defer_seconds/32 first, defer_seconds at the sixth), at most 60 s.';

--
-- Name: etl_detection_rows(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_detection_rows(p_detections jsonb, OUT ordinal integer, OUT class_name text, OUT class_id integer, OUT confidence numeric, OUT x1 numeric, OUT y1 numeric, OUT x2 numeric, OUT y2 numeric) RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT
        b.ordinal::integer,
        b.box ->> 'class',
        CASE WHEN public.etl_json_number(b.box -> 'class_id') BETWEEN 0 AND 2147483647
            AND public.etl_json_number(b.box -> 'class_id') = trunc(public.etl_json_number(b.box -> 'class_id'))
            THEN public.etl_json_number(b.box -> 'class_id')::integer END,
        public.etl_json_number(b.box -> 'confidence'),
        public.etl_json_number(b.box #> '{bounding_box,x}'),
        public.etl_json_number(b.box #> '{bounding_box,y}'),
        public.etl_json_number(b.box #> '{bounding_box,x}') + public.etl_json_number(b.box #> '{bounding_box,width}'),
        public.etl_json_number(b.box #> '{bounding_box,y}') + public.etl_json_number(b.box #> '{bounding_box,height}')
    FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(p_detections) = 'array' THEN p_detections END
    ) WITH ORDINALITY AS b (box, ordinal)
    WHERE jsonb_typeof(b.box) = 'object'
$$;

--
-- Name: FUNCTION etl_detection_rows(p_detections jsonb, OUT ordinal integer, OUT class_name text, OUT class_id integer, OUT confidence numeric, OUT x1 numeric, OUT y1 numeric, OUT x2 numeric, OUT y2 numeric); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_detection_rows(p_detections jsonb, OUT ordinal integer, OUT class_name text, OUT class_id integer, OUT confidence numeric, OUT x1 numeric, OUT y1 numeric, OUT x2 numeric, OUT y2 numeric) IS 'One row per box object of a detections array in the dashboard''s shape ({class, class_id, confidence, bounding_box{x, y, width, height}}): corners x1, y1, x2 = x + width, y2 = y + height. A value that is not a JSON number (or class_id not a whole non-negative number) is NULL.';

--
-- Name: etl_detections_sync(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_detections_sync() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Only rows whose boxes changed: the dashboard's label writes leave the boxes alone.
        DELETE FROM public.execution_detections AS d
        USING new_rows AS n
        JOIN old_rows AS o ON o.execution_id = n.execution_id
        WHERE d.execution_id = n.execution_id AND o.detections IS DISTINCT FROM n.detections;
        INSERT INTO public.execution_detections (execution_id, ordinal, class_name, class_id, confidence, x1, y1, x2, y2)
        SELECT n.execution_id, r.*
        FROM new_rows AS n
        JOIN old_rows AS o ON o.execution_id = n.execution_id
        CROSS JOIN LATERAL public.etl_detection_rows(n.detections) AS r
        WHERE o.detections IS DISTINCT FROM n.detections;
    ELSE
        INSERT INTO public.execution_detections (execution_id, ordinal, class_name, class_id, confidence, x1, y1, x2, y2)
        SELECT n.execution_id, r.*
        FROM new_rows AS n
        CROSS JOIN LATERAL public.etl_detection_rows(n.detections) AS r;
    END IF;
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION etl_detections_sync(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_detections_sync() IS 'Statement trigger of execution_analysis: rewrites the execution_detections rows of every inserted row, and of every updated row whose detections changed (etl_detection_rows). Security definer so that the dashboard''s own role, writing its labels, needs no right on execution_detections.';

--
-- Name: etl_execution_recovered(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_execution_recovered(p_doc jsonb) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_run_data jsonb := public.etl_flatted_node(p_doc, '{resultData,runData}');
    v_node text;
    v_stack jsonb;
BEGIN
    IF jsonb_typeof(v_run_data) IS DISTINCT FROM 'object' THEN
        RETURN false;
    END IF;
    -- No node has a run and the request waits on the stack: n8n's initial data, kept when it died
    -- before saving more and its recovery had no event log (amendWithoutLogs only marks it crashed).
    IF v_run_data = '{}' THEN
        v_stack := public.etl_flatted_node(p_doc, '{executionData,nodeExecutionStack}');
        RETURN CASE WHEN jsonb_typeof(v_stack) = 'array' THEN jsonb_array_length(v_stack) > 0 ELSE false END;
    END IF;
    FOR v_node IN SELECT jsonb_object_keys(v_run_data) LOOP
        IF (public.etl_node_run(p_doc, v_node)).recovered THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

--
-- Name: FUNCTION etl_execution_recovered(p_doc jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_execution_recovered(p_doc jsonb) IS 'True when a parsed flatted execution (etl_flatted_parse) is what n8n''s crash recovery left: no node has a run and a node waits on executionData.nodeExecutionStack (n8n''s initial data) or some node''s last run is a recovery stand-in (etl_node_run.recovered). Then a node without a run may have run before the crash: etl_notification_facts reads its outcome as unknown, not as "not run".';

--
-- Name: etl_execution_status(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_execution_status(p_execution_id bigint) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    e public.executions;
    q public.etl_processing_queue;
    a public.execution_analysis;
    n public.execution_notifications;
    i public.execution_images;
    v_src record;
    v_n8n jsonb;
    v_terminal boolean;
    v_watched boolean;
    v_unstated text[];
    v_notes text[] := '{}';
BEGIN
    SELECT * INTO e FROM public.executions AS x WHERE x.id = p_execution_id;
    SELECT * INTO q FROM public.etl_processing_queue AS x WHERE x.execution_id = p_execution_id AND x.stage = 'stage2';
    SELECT * INTO a FROM public.execution_analysis AS x WHERE x.execution_id = p_execution_id;
    SELECT * INTO n FROM public.execution_notifications AS x WHERE x.execution_id = p_execution_id;
    SELECT * INTO i FROM public.execution_images AS x WHERE x.execution_id = p_execution_id;

    -- n8n's side, through the link; a dead link is reported, not raised.
    BEGIN
        SELECT x.status, x."workflowId" AS workflow_id, x."startedAt" AS started_at, x."stoppedAt" AS stopped_at,
               x."deletedAt" AS deleted_at,
               EXISTS (SELECT FROM n8n.execution_data AS d WHERE d."executionId" = x.id) AS has_data
        INTO v_src
        FROM n8n.execution_entity AS x
        WHERE p_execution_id BETWEEN 1 AND 2147483647 AND x.id = p_execution_id::integer;
        IF v_src IS NULL THEN
            v_n8n := jsonb_build_object('reachable', true, 'found', false);
        ELSE
            v_terminal := v_src.status IN ('success', 'error', 'crashed', 'canceled');
            v_watched := EXISTS (SELECT FROM n8n.watched_workflows AS w WHERE w.workflow_id = v_src.workflow_id);
            v_n8n := jsonb_build_object('reachable', true, 'found', true, 'watched', v_watched) || to_jsonb(v_src);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        v_n8n := jsonb_build_object('reachable', false, 'error', SQLERRM);
    END;

    IF e.id IS NULL THEN
        v_notes := v_notes || CASE
            WHEN NOT (v_n8n ->> 'reachable')::boolean THEN 'not in the dashboard; n8n could not be read'
            WHEN NOT (v_n8n ->> 'found')::boolean THEN 'neither the dashboard nor n8n has this execution'
            WHEN NOT v_watched THEN format('not in the dashboard: its workflow %s is not watched', v_src.workflow_id)
            WHEN NOT v_terminal THEN format('not in the dashboard yet: n8n''s execution is still %s', v_src.status)
            ELSE 'not in the dashboard although n8n finished it: the next sweep''s reconcile (reconcile_window) '
                 'or `sai-etl backfill --since` records it'
        END;
    ELSE
        v_notes := v_notes || CASE
            WHEN q.id IS NULL THEN 'no Stage 2 queue item: pruned after completion (queue_retention) or removed'
            WHEN q.status = 'pending' AND q.next_attempt_at > now() AND q.attempts = 0 THEN
                format('Stage 2 waits for n8n to finish writing it (deferred %s times), next look at %s',
                       q.deferrals, q.next_attempt_at)
            WHEN q.status = 'pending' AND q.next_attempt_at > now() THEN
                format('Stage 2 attempt %s of %s failed (%s), next attempt at %s',
                       q.attempts, q.max_attempts, q.last_error, q.next_attempt_at)
            WHEN q.status = 'pending' THEN format('Stage 2 pending since %s, ready to be claimed', q.created_at)
            WHEN q.status = 'processing' AND q.locked_until < now() THEN
                format('Stage 2 lease of %s expired at %s: the item returns at the next claim', q.claimed_by, q.locked_until)
            WHEN q.status = 'processing' THEN
                format('Stage 2 in progress by %s (attempt %s), lease until %s', q.claimed_by, q.attempts, q.locked_until)
            WHEN q.status = 'failed' THEN
                format('Stage 2 failed after %s attempts: %s; `sai-etl retry %s` reopens it',
                       q.attempts, q.last_error, p_execution_id)
            WHEN q.status = 'skipped' THEN
                format('Stage 2 skipped: %s; `sai-etl retry --skipped %s` reopens it', q.last_error, p_execution_id)
            ELSE format('Stage 2 completed at %s in %s ms', q.completed_at, q.processing_time_ms)
        END;
        IF q.id IS NULL OR q.status = 'completed' THEN
            IF a.analysis_source IS NULL THEN
                v_notes := v_notes || 'no analysis: the model did not answer (its node did not run or failed)'::text;
            ELSE
                v_unstated := ARRAY(
                    SELECT f.key FROM jsonb_each(to_jsonb(a)) AS f
                    WHERE f.value = 'null'::jsonb
                      AND f.key IN ('risk_level', 'confidence_score', 'analysis_text', 'model_version',
                                    'smoke_detected', 'flame_detected', 'heat_signature_detected',
                                    'processing_time_ms')
                    ORDER BY f.key
                );
                IF cardinality(v_unstated) > 0 THEN
                    v_notes := v_notes || format('the analysis does not state: %s', array_to_string(v_unstated, ', '));
                END IF;
            END IF;
            v_notes := v_notes || CASE
                WHEN i.execution_id IS NULL THEN 'no image: the execution carried no frame'
                WHEN NOT i.valid THEN format('image not usable: %s', i.invalid_reason)
                ELSE format('image: %s (%s %sx%s)', i.original_path, i.format, i.width, i.height)
            END;
            v_notes := v_notes || CASE
                WHEN n.execution_id IS NULL OR n.telegram_sent IS NULL THEN 'Telegram: the workflow has no Telegram node'
                WHEN n.telegram_sent THEN format('Telegram: sent, message %s', n.telegram_message_id)
                ELSE format('Telegram: not sent%s', coalesce(' (' || n.telegram_error || ')', ''))
            END;
            IF e.node_id IS NULL OR e.camera_id IS NULL THEN
                v_notes := v_notes || 'the webhook request did not name its node_id and camera_id'::text;
            END IF;
        END IF;
    END IF;

    RETURN jsonb_build_object(
        'execution_id', p_execution_id,
        'found', e.id IS NOT NULL,
        'execution', CASE WHEN e.id IS NOT NULL THEN to_jsonb(e) END,
        'queue', CASE WHEN q.id IS NOT NULL THEN to_jsonb(q) - 'claim_token' END,
        'analysis', CASE WHEN a.execution_id IS NOT NULL THEN to_jsonb(a) END,
        'notification', CASE WHEN n.execution_id IS NOT NULL THEN to_jsonb(n) END,
        'image', CASE WHEN i.execution_id IS NOT NULL THEN to_jsonb(i) END,
        'n8n', v_n8n,
        'notes', to_jsonb(v_notes)
    );
END
$$;

--
-- Name: FUNCTION etl_execution_status(p_execution_id bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_execution_status(p_execution_id bigint) IS 'Everything known about one execution (`sai-etl status ID`): its executions row, Stage 2 queue item (attempts, deferrals, last error; no claim token), analysis, notification and image rows, n8n''s row through the link (status, stoppedAt, deletedAt, whether execution_data exists, whether its workflow is watched), and notes in plain words on where it stands and why fields are empty. found is false when the dashboard does not have it.';

--
-- Name: etl_execution_stored_at(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_execution_stored_at(p_execution_id bigint) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    v_stored_at text;
BEGIN
    SELECT s."storedAt" INTO v_stored_at FROM n8n.execution_storage AS s WHERE s.id = p_execution_id;
    RETURN v_stored_at;
EXCEPTION WHEN undefined_column THEN
    -- n8n 1.x: every execution's data is in its database.
    RETURN 'db';
END
$$;

--
-- Name: FUNCTION etl_execution_stored_at(p_execution_id bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_execution_stored_at(p_execution_id bigint) IS 'Where n8n keeps the data of an execution: db (execution_data), fs (a bundle.json under n8n''s storage folder), s3 or az (object storage); db on n8n 1.x, which has no "storedAt" column; NULL when n8n has no such execution. Read only when execution_data has no row for it.';

--
-- Name: etl_execution_timing(timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_execution_timing(p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, OUT execution_timestamp timestamp with time zone, OUT completion_timestamp timestamp with time zone, OUT duration_ms bigint, OUT timing_complete boolean) RETURNS record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT
        coalesce(p_started_at, p_created_at),
        coalesce(p_stopped_at, p_started_at, p_created_at),
        -- A stop before the start (the clocks of n8n's hosts disagree) gives no duration: NULL,
        -- not a negative one.
        nullif(greatest(floor(extract(EPOCH FROM coalesce(p_stopped_at, p_started_at, p_created_at)
            - coalesce(p_started_at, p_created_at)) * 1000)::bigint, -1), -1),
        p_started_at IS NOT NULL AND p_stopped_at IS NOT NULL AND p_stopped_at >= p_started_at
$$;

--
-- Name: FUNCTION etl_execution_timing(p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, OUT execution_timestamp timestamp with time zone, OUT completion_timestamp timestamp with time zone, OUT duration_ms bigint, OUT timing_complete boolean); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_execution_timing(p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, OUT execution_timestamp timestamp with time zone, OUT completion_timestamp timestamp with time zone, OUT duration_ms bigint, OUT timing_complete boolean) IS 'startedAt (createdAt when n8n never started the execution), stoppedAt (the latest earlier timestamp when n8n recorded none), their difference in ms (NULL when the stop is before the start: clock skew), and whether both were recorded in order.';

--
-- Name: etl_extract_bundle(bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_extract_bundle(p_execution_id bigint, p_bundle text, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) RETURNS record
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_workflow_id text;
    v_bundle jsonb;
    v_workflow_data jsonb;
    v_doc jsonb;
    v_image record;
BEGIN
    SELECT e.workflow_id INTO v_workflow_id FROM public.executions AS e WHERE e.id = p_execution_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'etl_extract_bundle: execution % is not recorded in executions', p_execution_id
            USING ERRCODE = 'no_data_found';
    END IF;
    BEGIN
        v_bundle := p_bundle::jsonb;
    EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
        RAISE EXCEPTION 'etl_extract_bundle: the bundle of execution % is not JSON', p_execution_id
            USING ERRCODE = 'SAI01';
    END;
    -- n8n writes {"data": "<flatted text>", "workflowData": {...}, "workflowVersionId": ..., "version": 1}.
    IF jsonb_typeof(v_bundle -> 'data') IS DISTINCT FROM 'string'
        OR jsonb_typeof(v_bundle -> 'workflowData') IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'etl_extract_bundle: the bundle of execution % has no data text and workflowData object',
            p_execution_id
            USING ERRCODE = 'SAI01';
    END IF;
    v_workflow_data := v_bundle -> 'workflowData';
    v_doc := public.etl_flatted_parse(v_bundle ->> 'data');
    v_bundle := NULL;
    v_image := public.etl_extract_facts(p_execution_id, v_workflow_id, v_workflow_data, v_doc);
    image_source := v_image.image_source;
    image_base64 := v_image.image_base64;
    image_path := v_image.image_path;
    image_bytes := v_image.image_bytes;
    image_mime_type := v_image.image_mime_type;
    image_file_name := v_image.image_file_name;
    reason := v_image.reason;
END
$$;

--
-- Name: FUNCTION etl_extract_bundle(p_execution_id bigint, p_bundle text, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_extract_bundle(p_execution_id bigint, p_bundle text, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) IS 'The extraction of an execution n8n 2.x keeps on its disk (storedAt fs): p_bundle is the text of its bundle.json ({"data": flatted text, "workflowData": {...}}), read by the runner. Writes the same facts and returns the same image locator as etl_extract_execution (etl_extract_facts). Raises P0002 for an execution the dashboard has not recorded, SAI01 for a bundle that is not such JSON, and the flatted errors on malformed data.';

--
-- Name: etl_extract_claimed_bundle(bigint, uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_extract_claimed_bundle(p_queue_id bigint, p_claim_token uuid, p_bundle text) RETURNS TABLE(image_source text, image_base64 text, image_path text, image_bytes bytea, image_mime_type text, image_file_name text, image_reason text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_execution_id bigint;
    v_found record;
BEGIN
    SELECT q.execution_id INTO v_execution_id
    FROM public.etl_processing_queue AS q
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing'
    FOR UPDATE;
    IF NOT FOUND THEN
        -- The claim is no longer live (lease lost): the facts belong to whoever holds it now.
        RETURN;
    END IF;
    v_found := public.etl_extract_bundle(v_execution_id, p_bundle);
    image_source := v_found.image_source;
    image_base64 := v_found.image_base64;
    image_path := v_found.image_path;
    image_bytes := v_found.image_bytes;
    image_mime_type := v_found.image_mime_type;
    image_file_name := v_found.image_file_name;
    image_reason := v_found.reason;
    RETURN NEXT;
END
$$;

--
-- Name: FUNCTION etl_extract_claimed_bundle(p_queue_id bigint, p_claim_token uuid, p_bundle text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_extract_claimed_bundle(p_queue_id bigint, p_claim_token uuid, p_bundle text) IS 'For a live claim whose etl_claim row had image_source bundle: runs etl_extract_bundle on the text of the execution''s bundle.json, which the runner read from n8n''s storage folder, and returns the image locator as etl_claim would have. No row: the claim is no longer live, nothing was written. Raises what etl_extract_bundle raises (the runner fails the item with it).';

--
-- Name: etl_extract_execution(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_extract_execution(p_execution_id bigint) RETURNS TABLE(outcome text, reason text, image_source text, image_base64 text, image_path text, image_bytes bytea, image_mime_type text, image_file_name text)
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_workflow_id text;
    v_status text;
    v_n8n_workflow_id text;
    v_has_data boolean;
    v_workflow_data jsonb;
    v_doc jsonb;
    v_state record;
    v_stored_at text;
    v_image record;
BEGIN
    SELECT e.workflow_id INTO v_workflow_id FROM public.executions AS e WHERE e.id = p_execution_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'etl_extract_execution: execution % is not recorded in executions', p_execution_id
            USING ERRCODE = 'no_data_found';
    END IF;

    -- One round trip to n8n (postgres_fdw ships the join): the status, and the data only when the
    -- status is terminal and the workflow the one recorded, so a deferral does not drag a megabyte
    -- across. The data is parsed as it arrives, once; everything below walks it by reference
    -- (etl_flatted_node). v_doc goes only into simple expressions: a query would copy the megabyte
    -- into its plan as a constant.
    SELECT e.status, e."workflowId", d."executionId" IS NOT NULL, d."workflowData"::jsonb,
           public.etl_flatted_parse(d.data)
    INTO v_status, v_n8n_workflow_id, v_has_data, v_workflow_data, v_doc
    FROM n8n.execution_entity AS e
    LEFT JOIN n8n.execution_data AS d
        ON d."executionId" = e.id AND e.status IN ('success', 'error', 'crashed', 'canceled')
        AND e."workflowId" = v_workflow_id
    WHERE e.id = p_execution_id;

    v_state := public.etl_source_outcome(v_workflow_id, v_status, v_n8n_workflow_id, v_has_data);
    -- No execution_data row: n8n 2.x may keep the run outside its database ("storedAt").
    IF v_state.outcome = 'gone' AND v_status IS NOT NULL AND NOT v_has_data
        AND v_n8n_workflow_id = v_workflow_id THEN
        v_stored_at := public.etl_execution_stored_at(p_execution_id);
        IF v_stored_at = 'fs' THEN
            -- The runner reads the bundle from n8n's storage folder and hands it to
            -- etl_extract_bundle: the same extraction.
            outcome := 'bundle';
            reason := 'n8n keeps this execution''s data on its disk (storedAt fs)';
            image_path := format('workflows/%s/executions/%s/execution_data/bundle.json',
                v_workflow_id, p_execution_id);
            RETURN NEXT;
            RETURN;
        ELSIF v_stored_at IN ('s3', 'az') THEN
            outcome := 'unreadable';
            reason := format('n8n keeps this execution''s data in object storage (storedAt %s), which '
                'sai-etl does not read', v_stored_at);
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;
    IF v_state.outcome <> 'ready' THEN
        outcome := v_state.outcome;
        reason := v_state.reason;
        RETURN NEXT;
        RETURN;
    END IF;

    v_image := public.etl_extract_facts(p_execution_id, v_workflow_id, v_workflow_data, v_doc);
    outcome := 'ready';
    reason := v_image.reason;
    image_source := v_image.image_source;
    image_base64 := v_image.image_base64;
    image_path := v_image.image_path;
    image_bytes := v_image.image_bytes;
    image_mime_type := v_image.image_mime_type;
    image_file_name := v_image.image_file_name;
    RETURN NEXT;
END
$$;

--
-- Name: FUNCTION etl_extract_execution(p_execution_id bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_extract_execution(p_execution_id bigint) IS 'THE EXTRACTION CONTRACT, one row. Reads n8n once (execution_entity joined to execution_data). not_ready: the status is not terminal yet (defer). gone (reason): n8n no longer has the execution or its data, or the id now belongs to another workflow (skip). bundle: n8n 2.x keeps the data on its disk (storedAt fs); image_path is the bundle.json relative to n8n''s storage folder, which the runner hands to etl_extract_bundle. unreadable (reason): n8n keeps it in object storage (s3, az). ready: the facts written by etl_extract_facts (node and camera, analysis, notification), and the image locator (etl_image_locator: source binary|body|filesystem|database|NULL with its one payload; reason when a recorded frame cannot be handed over). Nodes by etl_workflow_nodes. Raises P0002 for an execution the dashboard has not recorded, the flatted errors (SAI01, 22P02, 22P05, 22003, 54000/54001) on malformed data, and SAI01 "not an n8n run" for data without a resultData.runData object.';

--
-- Name: etl_extract_facts(bigint, text, jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_extract_facts(p_execution_id bigint, p_workflow_id text, p_workflow_data jsonb, p_doc jsonb, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) RETURNS record
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_nodes record;
    v_item text[];
    v_ids record;
    v_analysis record;
    v_note record;
    v_image record;
BEGIN
    -- Every n8n run has resultData.runData (empty before any node ran). Without it the data is no
    -- n8n execution, and reading it would record facts it does not hold ("Telegram did not run").
    IF jsonb_typeof(public.etl_flatted_node(p_doc, '{resultData,runData}')) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'etl_extract_execution: execution % is not an n8n run (no resultData.runData object)',
            p_execution_id
            USING ERRCODE = 'SAI01';
    END IF;

    v_nodes := public.etl_workflow_nodes(p_workflow_id, p_workflow_data);
    v_item := public.etl_webhook_item(p_doc, v_nodes.webhook_node);

    -- Every write leaves the rows exactly as a first extraction would: unchanged rows are not
    -- touched (extracted_at stays), facts no longer found are removed.
    v_ids := public.etl_camera_ids(p_doc, v_item);
    UPDATE public.executions AS e
    SET node_id = v_ids.node_id, device_id = v_ids.node_id, camera_id = v_ids.camera_id, updated_at = now()
    WHERE e.id = p_execution_id
      AND (e.node_id, e.camera_id) IS DISTINCT FROM (v_ids.node_id, v_ids.camera_id);

    v_analysis := public.etl_analysis_facts(p_doc, v_nodes.analysis_node);
    IF v_analysis.raw_response IS NOT NULL THEN
        -- The dashboard's label columns are never named here: a row it labelled keeps them.
        INSERT INTO public.execution_analysis AS a (
            execution_id, analysis_source, alert_level, confidence_score, analysis_text, yolo_model_version,
            has_smoke, flame_detected, heat_signature_detected, yolo_processing_time_ms, raw_response,
            extracted_at, updated_at
        ) VALUES (
            p_execution_id, 'ollama', v_analysis.risk_level, v_analysis.confidence_score, v_analysis.analysis_text,
            v_analysis.model_version, v_analysis.smoke_detected, v_analysis.flame_detected,
            v_analysis.heat_signature_detected, v_analysis.processing_time_ms, v_analysis.raw_response,
            now(), now()
        )
        ON CONFLICT (execution_id) DO UPDATE SET
            analysis_source = excluded.analysis_source,
            alert_level = excluded.alert_level,
            confidence_score = excluded.confidence_score,
            analysis_text = excluded.analysis_text,
            yolo_model_version = excluded.yolo_model_version,
            has_smoke = excluded.has_smoke,
            flame_detected = excluded.flame_detected,
            heat_signature_detected = excluded.heat_signature_detected,
            yolo_processing_time_ms = excluded.yolo_processing_time_ms,
            raw_response = excluded.raw_response,
            extracted_at = now(),
            updated_at = now()
        WHERE (a.analysis_source, a.alert_level, a.confidence_score, a.analysis_text, a.yolo_model_version,
               a.has_smoke, a.flame_detected, a.heat_signature_detected, a.yolo_processing_time_ms,
               a.raw_response)
            IS DISTINCT FROM
            (excluded.analysis_source, excluded.alert_level, excluded.confidence_score, excluded.analysis_text,
             excluded.yolo_model_version, excluded.has_smoke, excluded.flame_detected,
             excluded.heat_signature_detected, excluded.yolo_processing_time_ms, excluded.raw_response);
    ELSE
        PERFORM public.etl_forget_analysis(p_execution_id);
    END IF;

    v_note := public.etl_notification_facts(p_doc, v_nodes.telegram_node);
    INSERT INTO public.execution_notifications AS n (
        execution_id, telegram_sent, telegram_message_id, telegram_chat_id, telegram_error
    ) VALUES (
        p_execution_id, v_note.telegram_sent, v_note.telegram_message_id, v_note.telegram_chat_id,
        v_note.telegram_error
    )
    ON CONFLICT (execution_id) DO UPDATE SET
        telegram_sent = excluded.telegram_sent,
        telegram_message_id = excluded.telegram_message_id,
        telegram_chat_id = excluded.telegram_chat_id,
        telegram_error = excluded.telegram_error,
        updated_at = now()
    WHERE (n.telegram_sent, n.telegram_message_id, n.telegram_chat_id, n.telegram_error)
        IS DISTINCT FROM
        (excluded.telegram_sent, excluded.telegram_message_id, excluded.telegram_chat_id, excluded.telegram_error);

    -- Assigned without a query: a query would copy the payload into its plan.
    v_image := public.etl_image_locator(p_doc, v_item);
    image_source := v_image.image_source;
    image_base64 := v_image.image_base64;
    image_path := v_image.image_path;
    image_bytes := v_image.image_bytes;
    image_mime_type := v_image.image_mime_type;
    image_file_name := v_image.image_file_name;
    reason := v_image.reason;
END
$$;

--
-- Name: FUNCTION etl_extract_facts(p_execution_id bigint, p_workflow_id text, p_workflow_data jsonb, p_doc jsonb, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_extract_facts(p_execution_id bigint, p_workflow_id text, p_workflow_data jsonb, p_doc jsonb, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) IS 'The extraction of one execution from its parsed flatted run (p_doc) and workflow snapshot: upserts, idempotently, executions.node_id/camera_id (etl_camera_ids), execution_analysis (etl_analysis_facts; no analysis = no row, a stale one is deleted), execution_notifications (etl_notification_facts; telegram_sent NULL when the workflow has no Telegram node), and returns the image locator (etl_image_locator). Called by etl_extract_execution (data in n8n''s execution_data) and etl_extract_bundle (data in a bundle.json on n8n''s disk): one extraction whatever the source. Raises SAI01 "not an n8n run" for data without a resultData.runData object.';

--
-- Name: etl_fail(bigint, uuid, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_fail(p_queue_id bigint, p_claim_token uuid, p_error text, p_retry boolean DEFAULT true) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_status text;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = CASE WHEN q.rerun OR p_retry AND q.attempts < q.max_attempts THEN 'pending' ELSE 'failed' END,
        completed_at = CASE WHEN q.rerun OR p_retry AND q.attempts < q.max_attempts THEN NULL ELSE now() END,
        -- Fresher facts arrived meanwhile: the failure was the older facts', they get their own tries.
        attempts = CASE WHEN q.rerun THEN 0 ELSE q.attempts END,
        next_attempt_at = CASE WHEN q.rerun THEN now() ELSE now() + public.etl_retry_delay(q.attempts) END,
        rerun = false,
        claim_token = NULL,
        locked_until = NULL,
        last_error = coalesce(p_error, 'unknown error')
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing'
    RETURNING q.status INTO v_status;
    RETURN v_status;
END
$$;

--
-- Name: FUNCTION etl_fail(p_queue_id bigint, p_claim_token uuid, p_error text, p_retry boolean); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_fail(p_queue_id bigint, p_claim_token uuid, p_error text, p_retry boolean) IS 'Records a failed attempt of a live claim: back to pending after etl_retry_delay, or failed once max_attempts are spent or when p_retry is false. Returns the new status, or NULL (nothing changed) for a claim that is no longer live.';

--
-- Name: etl_flatted_decode(jsonb, text[], integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_flatted_decode(p_doc jsonb, p_path text[] DEFAULT '{}'::text[], p_max_depth integer DEFAULT 64, p_max_nodes integer DEFAULT 100000) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
    v_idx integer := 0;          -- element index of v_val
    v_val jsonb;                 -- a container to open, or the value just read
    v_nodes integer := 1;        -- values produced so far, the target included
    v_depth integer := 0;        -- open containers
    v_on_path boolean[] := '{}'; -- [element index + 1]: that element is an open container
    -- one frame per open container, by depth
    f_elem integer[] := '{}';
    f_obj boolean[] := '{}';
    f_items jsonb[] := '{}';     -- the array element itself, or the object's keyvalue() pairs
    f_len integer[] := '{}';
    f_pos integer[] := '{}';
    -- the output JSON text in pieces, in document order, joined once at the end
    v_out text[] := '{}';
    v_n integer := 0;
BEGIN
    IF p_max_depth < 0 OR p_max_nodes < 1 THEN
        RAISE EXCEPTION 'flatted: p_max_depth must be >= 0 and p_max_nodes >= 1'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The target and its element index, by the walk etl_flatted_node takes.
    SELECT l.element, l.node INTO v_idx, v_val FROM etl_flatted_locate(p_doc, p_path) AS l;
    IF v_val IS NULL THEN
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v_val) NOT IN ('object', 'array') THEN
        RETURN v_val;
    END IF;

    LOOP
        IF v_val IS NOT NULL THEN
            -- open container element v_idx
            IF v_on_path[v_idx + 1] THEN
                RAISE EXCEPTION 'flatted: circular reference at element %', v_idx
                    USING ERRCODE = 'SAI01';
            END IF;
            v_depth := v_depth + 1;
            IF v_depth > p_max_depth THEN
                RAISE EXCEPTION 'flatted: nesting deeper than %', p_max_depth
                    USING ERRCODE = 'program_limit_exceeded';
            END IF;
            v_on_path[v_idx + 1] := true;
            f_elem[v_depth] := v_idx;
            f_obj[v_depth] := jsonb_typeof(v_val) = 'object';
            f_items[v_depth] := CASE
                WHEN f_obj[v_depth] THEN jsonb_path_query_array(v_val, '$.keyvalue()')
                ELSE v_val
            END;
            f_len[v_depth] := jsonb_array_length(f_items[v_depth]);
            f_pos[v_depth] := 0;
            v_n := v_n + 1;
            v_out[v_n] := CASE WHEN f_obj[v_depth] THEN '{' ELSE '[' END;
            v_val := NULL;
        END IF;

        IF f_pos[v_depth] = f_len[v_depth] THEN
            -- close the innermost container
            v_n := v_n + 1;
            v_out[v_n] := CASE WHEN f_obj[v_depth] THEN '}' ELSE ']' END;
            v_on_path[f_elem[v_depth] + 1] := NULL;
            v_depth := v_depth - 1;
            EXIT WHEN v_depth = 0;
            CONTINUE;
        END IF;

        v_nodes := v_nodes + 1;
        IF v_nodes > p_max_nodes THEN
            RAISE EXCEPTION 'flatted: more than % nodes', p_max_nodes
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        v_val := f_items[v_depth] -> f_pos[v_depth];
        v_n := v_n + 1;
        v_out[v_n] := CASE WHEN f_pos[v_depth] > 0 THEN ',' ELSE '' END;
        IF f_obj[v_depth] THEN
            v_out[v_n] := v_out[v_n] || to_json(v_val ->> 'key')::text || ':';
            v_val := v_val -> 'value';
        END IF;
        f_pos[v_depth] := f_pos[v_depth] + 1;

        CASE jsonb_typeof(v_val)
            WHEN 'string' THEN
                v_idx := etl_flatted_ref(p_doc, v_val);
                v_val := p_doc -> v_idx;
            WHEN 'object', 'array' THEN
                RAISE EXCEPTION 'flatted: element % holds an inline %', f_elem[v_depth], jsonb_typeof(v_val)
                    USING ERRCODE = 'SAI01';
            ELSE
                NULL;  -- number, boolean or null: stored inline
        END CASE;
        IF jsonb_typeof(v_val) NOT IN ('object', 'array') THEN
            v_n := v_n + 1;
            v_out[v_n] := v_val::text;
            v_val := NULL;
        END IF;
    END LOOP;

    BEGIN
        RETURN array_to_string(v_out, '')::jsonb;
    EXCEPTION
        WHEN statement_too_complex THEN
            RAISE EXCEPTION 'flatted: nesting too deep' USING ERRCODE = 'statement_too_complex';
    END;
END;
$_$;

--
-- Name: FUNCTION etl_flatted_decode(p_doc jsonb, p_path text[], p_max_depth integer, p_max_nodes integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_flatted_decode(p_doc jsonb, p_path text[], p_max_depth integer, p_max_nodes integer) IS 'Decodes the subtree of a parsed flatted document (etl_flatted_parse) at p_path (as in etl_flatted_node; {} is the root) into plain JSON; a shared element is expanded wherever it is referenced. NULL when the path does not exist. Errors: SAI01 (malformed flatted data) for "circular reference at element N", a reference out of range or not an element index, or an inline container; 54000 "nesting deeper than N" (containers, the target counting as 1) and "more than N nodes" (every value produced, the target included); 54001 when the result is deeper than the jsonb parser can hold.';

--
-- Name: etl_flatted_locate(jsonb, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_flatted_locate(p_doc jsonb, p_path text[], OUT element integer, OUT node jsonb) RETURNS record
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
    v_child jsonb;
    v_key text;
BEGIN
    IF jsonb_typeof(p_doc) <> 'array' OR p_doc -> 0 IS NULL THEN
        RAISE EXCEPTION 'flatted: document is not a non-empty array' USING ERRCODE = 'SAI01';
    END IF;
    element := 0;
    node := p_doc -> 0;
    FOREACH v_key IN ARRAY p_path LOOP
        v_child := CASE jsonb_typeof(node)
            WHEN 'object' THEN node -> v_key
            WHEN 'array' THEN node -> CASE WHEN v_key ~ '^[0-9]{1,9}$' THEN v_key::integer END
        END;
        CASE jsonb_typeof(v_child)
            WHEN 'string' THEN
                element := etl_flatted_ref(p_doc, v_child);
                node := p_doc -> element;
            WHEN 'object', 'array' THEN
                RAISE EXCEPTION 'flatted: element % holds an inline %', element, jsonb_typeof(v_child)
                    USING ERRCODE = 'SAI01';
            ELSE
                IF v_child IS NULL THEN
                    node := NULL;
                    RETURN;
                END IF;
                node := v_child;
        END CASE;
    END LOOP;
END;
$_$;

--
-- Name: FUNCTION etl_flatted_locate(p_doc jsonb, p_path text[], OUT element integer, OUT node jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_flatted_locate(p_doc jsonb, p_path text[], OUT element integer, OUT node jsonb) IS 'Internal to etl_flatted_node/etl_flatted_decode: walks a parsed flatted document from the root along p_path (object keys; array indices as text). node: what is there undecoded (as etl_flatted_node returns it), NULL when the path does not exist; element: the index of the last element the walk entered (the target''s own when node is a container). SAI01 for a document that is not a non-empty array, a bad reference or an inline container.';

--
-- Name: etl_flatted_node(jsonb, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_flatted_node(p_doc jsonb, p_path text[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT l.node FROM etl_flatted_locate(p_doc, p_path) AS l
$$;

--
-- Name: FUNCTION etl_flatted_node(p_doc jsonb, p_path text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_flatted_node(p_doc jsonb, p_path text[]) IS 'Walks a parsed flatted document (etl_flatted_parse) from the root along p_path (object keys; array indices as text) and returns what is there undecoded: a raw element (its strings still references) or a leaf value (a string element as a jsonb string; numbers, booleans, null as stored). NULL when the path does not exist. SAI01 for a bad reference or an inline container. Cost is per step, independent of document size, for an in-memory (not toasted) p_doc.';

--
-- Name: etl_flatted_parse(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_flatted_parse(p_data text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
DECLARE
    v_text text := p_data;
    v_retried boolean := false;
    v_cleaned text;
    v_doc jsonb;
    v_detail text;
BEGIN
    -- At most two casts: the text as it is (the clean path costs nothing more), then, if jsonb
    -- refused a string escape it cannot hold, the text with each string value holding one made null.
    LOOP
        BEGIN
            v_doc := v_text::jsonb;
            EXIT;
        EXCEPTION
            WHEN invalid_text_representation OR untranslatable_character THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
                IF NOT v_retried AND (SQLSTATE = '22P05' OR v_detail LIKE '%surrogate%') THEN
                    -- A string value (a literal not followed by ':', so not a key) holding \u0000 or
                    -- a lone surrogate escape. Items are matched whole from the opening quote, so an
                    -- escaped backslash followed by "u0000" is text, and a valid pair is kept.
                    -- Anything else (a bad key, invalid escapes, raw control characters) stays, so
                    -- the second cast fails with the error it has today.
                    v_cleaned := regexp_replace(
                        v_text,
                        '"(?:[^"\\\x01-\x1f]|\\["\\/bfnrt]|\\u(?!0000|[dD][89a-fA-F])[0-9a-fA-F]{4}'
                        '|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})*'
                        '(?:\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|\\u[dD][c-fC-F][0-9a-fA-F]{2})'
                        '(?:[^"\\\x01-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"(?!\s*:)',
                        'null', 'g'
                    );
                    IF v_cleaned <> v_text THEN
                        v_text := v_cleaned;
                        v_retried := true;
                        CONTINUE;
                    END IF;
                END IF;
                IF SQLSTATE = '22P02' THEN
                    -- The parser quotes the offending token whole: one 50 MB token would make a
                    -- 50 MB error (and last_error). 200 characters say where it went wrong.
                    RAISE EXCEPTION 'flatted: not JSON'
                        USING ERRCODE = 'invalid_text_representation',
                            DETAIL = left(v_detail, 200) || CASE WHEN length(v_detail) > 200 THEN '...' ELSE '' END;
                END IF;
                RAISE EXCEPTION 'flatted: JSON that jsonb cannot hold (%)', SQLERRM
                    USING ERRCODE = SQLSTATE, DETAIL = left(v_detail, 200);
            WHEN numeric_value_out_of_range THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
                RAISE EXCEPTION 'flatted: JSON that jsonb cannot hold (%)', SQLERRM
                    USING ERRCODE = SQLSTATE, DETAIL = left(v_detail, 200);
            WHEN statement_too_complex THEN
                RAISE EXCEPTION 'flatted: nesting too deep'
                    USING ERRCODE = 'statement_too_complex';
        END;
    END LOOP;
    IF jsonb_typeof(v_doc) <> 'array' THEN
        RAISE EXCEPTION 'flatted: top level is %, not an array', jsonb_typeof(v_doc)
            USING ERRCODE = 'SAI01';
    END IF;
    IF jsonb_array_length(v_doc) = 0 THEN
        RAISE EXCEPTION 'flatted: empty array, no root element'
            USING ERRCODE = 'SAI01';
    END IF;
    RETURN v_doc;
END;
$$;

--
-- Name: FUNCTION etl_flatted_parse(p_data text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_flatted_parse(p_data text) IS 'Parses n8n flatted text (execution_data.data) once into a jsonb array for etl_flatted_node and etl_flatted_decode. A string value holding an escape jsonb cannot hold (\u0000, a lone high or low surrogate) becomes JSON null, so one bad string loses that value only; the text is cast as it is first, and rewritten only when jsonb refuses such an escape. Errors: 22P02 "flatted: not JSON" (detail: the parser''s, cut to 200 characters; also a lone surrogate in an object key); 22P05 and 22003 "flatted: JSON that jsonb cannot hold (...)" for \u0000 in an object key and numbers beyond numeric''s range; 54001 "flatted: nesting too deep"; SAI01 (malformed flatted data, shared by all etl_flatted_* functions) when the top level is not an array or is empty.';

--
-- Name: etl_flatted_ref(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_flatted_ref(p_doc jsonb, p_ref jsonb) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
    v_ref text := p_ref #>> '{}';
BEGIN
    -- Canonical decimal only, as flatted writes it: JavaScript's input["01"] finds no element.
    IF v_ref !~ '^(0|[1-9][0-9]*)$' THEN
        RAISE EXCEPTION 'flatted: reference "%" is not an element index', left(v_ref, 64)
            USING ERRCODE = 'SAI01';
    END IF;
    IF length(v_ref) > 9 OR v_ref::integer >= jsonb_array_length(p_doc) THEN
        RAISE EXCEPTION 'flatted: reference "%" out of range', left(v_ref, 64)
            USING ERRCODE = 'SAI01';
    END IF;
    RETURN v_ref::integer;
END;
$_$;

--
-- Name: FUNCTION etl_flatted_ref(p_doc jsonb, p_ref jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_flatted_ref(p_doc jsonb, p_ref jsonb) IS 'Internal to etl_flatted_node/etl_flatted_decode: the element index a flatted reference (a jsonb string inside an object or array element) points at. SAI01 when it is not a canonical decimal index or is past the end of the document; the message quotes at most 64 characters of it.';

--
-- Name: etl_forget_analysis(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_forget_analysis(p_execution_id bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- A row the dashboard labelled is its users' word: only sai-etl's facts leave it.
    UPDATE public.execution_analysis AS a
    SET analysis_source = NULL, alert_level = NULL, confidence_score = NULL, analysis_text = NULL,
        yolo_model_version = NULL, has_smoke = NULL, flame_detected = NULL, heat_signature_detected = NULL,
        yolo_processing_time_ms = NULL, raw_response = NULL, request_id = NULL, analysis_timestamp = NULL,
        detection_count = NULL, detection_mode = NULL, active_classes = NULL, detections = NULL,
        confidence_smoke = NULL, confidence_fire = NULL, image_width = NULL, image_height = NULL,
        image_hash = NULL, image_path = NULL, extracted_at = NULL, updated_at = now()
    WHERE a.execution_id = p_execution_id
      AND a.analysis_source IS NOT NULL
      AND (a.is_false_positive OR a.false_positive_reason IS NOT NULL OR a.marked_false_positive_at IS NOT NULL
           OR a.marked_by_user_id IS NOT NULL OR a.marked_by_email IS NOT NULL);
    DELETE FROM public.execution_analysis AS a
    WHERE a.execution_id = p_execution_id
      AND NOT coalesce(a.is_false_positive, false)
      AND a.false_positive_reason IS NULL AND a.marked_false_positive_at IS NULL
      AND a.marked_by_user_id IS NULL AND a.marked_by_email IS NULL;
END
$$;

--
-- Name: FUNCTION etl_forget_analysis(p_execution_id bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_forget_analysis(p_execution_id bigint) IS 'Removes an execution''s analysis when an extraction finds none (any more): the row goes, unless the dashboard''s users labelled it; then only sai-etl''s columns become NULL (analysis_source NULL: labels only) and the labels stay as they were.';

--
-- Name: etl_health_json(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_health_json() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
    q public.etl_queue_health;
    p public.etl_pipeline_health;
    v_checks jsonb;
BEGIN
    -- One reading of each view; the alerts are evaluated against that same reading.
    SELECT * INTO STRICT q FROM public.etl_queue_health;
    SELECT * INTO STRICT p FROM public.etl_pipeline_health;
    SELECT jsonb_agg(to_jsonb(a)) INTO v_checks FROM public.etl_alert_evaluate(q, p) AS a;

    RETURN jsonb_build_object(
        'etl', jsonb_build_object(
            'stage1', jsonb_build_object(
                'processed', p.stage1_ingested,
                'avgProcessingTimeMs', p.stage1_lag_avg_ms,
                'lagP50Ms', p.stage1_lag_p50_ms,
                'lagP99Ms', p.stage1_lag_p99_ms
            ),
            'stage2', jsonb_build_object(
                'processed', q.completed_in_window,
                'avgProcessingTimeMs', q.processing_avg_in_window_ms,
                'p50ProcessingTimeMs', q.processing_p50_in_window_ms,
                'p99ProcessingTimeMs', q.processing_p99_in_window_ms
            ),
            'pipeline', jsonb_build_object(
                'pending_deep_extraction', q.pending_count + q.processing_count,
                'window', q.health_window
            )
        ),
        'healthy', NOT jsonb_path_exists(v_checks, '$[*] ? (@.firing == true)'),
        'generated_at', now(),
        'alerts', jsonb_path_query_array(v_checks, '$[*] ? (@.firing == true)'),
        'alert_checks', v_checks,
        'queue_health', to_jsonb(q),
        'pipeline_health', to_jsonb(p),
        'counters', coalesce((SELECT jsonb_object_agg(c.name, c.value) FROM public.etl_counters AS c), '{}'),
        'images', (SELECT to_jsonb(i) FROM public.etl_image_health AS i),
        'image_stores', coalesce(
            (SELECT jsonb_agg(to_jsonb(s) ORDER BY s.host, s.root) FROM public.etl_image_stores AS s), '[]'
        ),
        'data_quality', coalesce((SELECT jsonb_agg(to_jsonb(d)) FROM public.etl_data_quality AS d), '[]'),
        'failed_items', coalesce(
            (SELECT jsonb_agg(to_jsonb(f)) FROM (SELECT * FROM public.etl_failed_items LIMIT 20) AS f), '[]'
        ),
        'runners', coalesce(
            (SELECT jsonb_agg(to_jsonb(h) ORDER BY h.last_seen_at DESC) FROM public.etl_runner_heartbeats AS h), '[]'
        )
    );
END
$_$;

--
-- Name: FUNCTION etl_health_json(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_health_json() IS 'Health as one JSON document. etl.stage1 / etl.stage2 / etl.pipeline keep the seed''s keys, over health_window (etl.pipeline.window): stage1.processed = executions recorded, avgProcessingTimeMs = avg Stage 1 lag; stage2.processed = items completed, avgProcessingTimeMs = their avg processing time; pending_deep_extraction = items pending or processing. Then healthy (no alert firing), alerts (firing), alert_checks (all), queue_health, pipeline_health, data_quality (overall), failed_items (newest 20), runners (heartbeats), counters (etl_counters: totals that only grow), images (etl_image_health) and image_stores (etl_image_stores).';

--
-- Name: etl_heartbeat(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_heartbeat(p_worker text, p_status text DEFAULT NULL::text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF p_worker IS NULL OR p_worker = '' THEN
        RAISE EXCEPTION 'etl_heartbeat: worker name must not be empty'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO public.etl_runner_heartbeats AS h (worker, started_at, last_seen_at, status)
    VALUES (p_worker, now(), now(), p_status)
    ON CONFLICT (worker) DO UPDATE SET last_seen_at = excluded.last_seen_at, status = excluded.status;
END
$$;

--
-- Name: FUNCTION etl_heartbeat(p_worker text, p_status text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_heartbeat(p_worker text, p_status text) IS 'Records that runner p_worker (host:pid) is alive now, with what it is doing (p_status, free text). The runner calls it once per loop; health fires runner_silent when no runner has called it for alert_runner_silent.';

--
-- Name: etl_image_files(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_image_files() RETURNS TABLE(execution_id bigint, kind text, path text, sha256 text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT i.execution_id, f.kind, f.path, f.sha256
    FROM public.execution_images AS i
    CROSS JOIN LATERAL (
        VALUES
            ('original', i.original_path, i.sha256),
            ('thumbnail', i.thumbnail_path, NULL),
            ('display', i.display_path, NULL)
    ) AS f (kind, path, sha256)
    WHERE i.valid AND f.path IS NOT NULL
    ORDER BY f.path
$$;

--
-- Name: FUNCTION etl_image_files(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_image_files() IS 'The files under the image root that rows point to: each valid execution_images row''s original (with its sha256), thumbnail and display variant, by path relative to the root (sai-etl images check).';

--
-- Name: etl_image_locator(jsonb, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_image_locator(p_doc jsonb, p_item_path text[], OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $_$
DECLARE
    v_binary jsonb;
    v_candidate text;
    v_key text;
    v_entry text[];
    v_id text;
    v_file uuid;
    v_row record;
    v_source text;
    v_ref jsonb;
    v_index integer;
BEGIN
    IF p_item_path IS NULL THEN
        RETURN;
    END IF;

    -- binary.<key>: the key `image` first, then one whose mimeType says image, then any. Only simple
    -- expressions take p_doc: a query would copy the megabyte into its plan.
    v_binary := public.etl_flatted_node(p_doc, p_item_path || '{binary}');
    IF jsonb_typeof(v_binary) = 'object' THEN
        FOR v_candidate IN SELECT k FROM jsonb_object_keys(v_binary) AS k ORDER BY k = 'image' DESC, k LOOP
            v_entry := p_item_path || ARRAY['binary', v_candidate];
            CONTINUE WHEN jsonb_typeof(public.etl_flatted_node(p_doc, v_entry)) IS DISTINCT FROM 'object';
            IF v_candidate = 'image'
                OR public.etl_flatted_node(p_doc, v_entry || '{mimeType}') #>> '{}' ILIKE 'image/%' THEN
                v_key := v_candidate;
                EXIT;
            END IF;
            v_key := coalesce(v_key, v_candidate);
        END LOOP;
        v_entry := p_item_path || ARRAY['binary', v_key];
    END IF;

    IF v_key IS NOT NULL THEN
        image_mime_type := public.etl_flatted_node(p_doc, v_entry || '{mimeType}') #>> '{}';
        image_file_name := public.etl_flatted_node(p_doc, v_entry || '{fileName}') #>> '{}';
        v_id := CASE
            WHEN jsonb_typeof(public.etl_flatted_node(p_doc, v_entry || '{id}')) = 'string'
                THEN nullif(public.etl_flatted_node(p_doc, v_entry || '{id}') #>> '{}', '')
        END;
        -- Stored outside the execution: the id says where.
        IF v_id ~ '^filesystem(-v2)?:.' THEN
            -- filesystem-v2:workflows/<wf>/executions/<id|temp>/binary_data/<uuid>, or legacy
            -- filesystem:<name>: a file under n8n's binaryData folder (the runner guards the path).
            image_source := 'filesystem';
            image_path := substr(v_id, strpos(v_id, ':') + 1);
            RETURN;
        ELSIF v_id LIKE 'database:%' THEN
            image_source := 'database';
            IF substr(v_id, 10) ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' THEN
                v_file := substr(v_id, 10)::uuid;
                SELECT b.data, b."mimeType", b."fileName" INTO v_row
                FROM n8n.binary_data AS b
                WHERE b."fileId" = v_file;
                IF FOUND THEN
                    image_bytes := v_row.data;
                    image_mime_type := coalesce(image_mime_type, v_row."mimeType");
                    image_file_name := coalesce(image_file_name, v_row."fileName");
                ELSE
                    reason := format('n8n binary_data has no file %s', v_file);
                END IF;
            ELSE
                reason := format('binary data id %s names no file', left(v_id, 200));
            END IF;
            RETURN;
        ELSIF v_id IS NOT NULL THEN
            reason := format('binary data id %s: mode %s is not one sai-etl reads', left(v_id, 200),
                split_part(v_id, ':', 1));
            image_mime_type := NULL;
            image_file_name := NULL;
            RETURN;
        END IF;
    END IF;

    -- Inline base64: binary.<key>.data, else json.body.image. The raw element's member is a
    -- reference (etl_flatted_ref checks it) and ->> copies the string out once, where a walk to
    -- the leaf would hand the megabyte back as a jsonb scalar, copied several times over.
    FOREACH v_source IN ARRAY ARRAY['binary', 'body'] LOOP
        v_ref := CASE v_source
            WHEN 'binary' THEN public.etl_flatted_node(p_doc, v_entry) -> 'data'
            ELSE public.etl_flatted_node(p_doc, p_item_path || '{json,body}') -> 'image'
        END;
        IF jsonb_typeof(v_ref) = 'string' THEN
            v_index := public.etl_flatted_ref(p_doc, v_ref);
            IF jsonb_path_exists(p_doc, '$[$i] ? (@.type() == "string")', jsonb_build_object('i', v_index)) THEN
                -- An empty string is a payload too: the camera sent a frame field with nothing in
                -- it, which the runner records as an invalid image (empty payload), not as none.
                image_base64 := p_doc ->> v_index;
            END IF;
        END IF;
        IF image_base64 IS NOT NULL THEN
            image_source := v_source;
            IF v_source = 'body' THEN
                image_mime_type := lower(substring(image_base64 FROM '^data:([^;,]+)'));
                image_file_name := NULL;
            END IF;
            RETURN;
        END IF;
    END LOOP;
    image_mime_type := NULL;
    image_file_name := NULL;
END
$_$;

--
-- Name: FUNCTION etl_image_locator(p_doc jsonb, p_item_path text[], OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_image_locator(p_doc jsonb, p_item_path text[], OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) IS 'The camera frame of the webhook item at p_item_path (etl_webhook_item) in a parsed flatted execution. binary.<key> (key image first, then an image/* mimeType, then any): inline base64 -> source binary (image_base64); id filesystem-v2:<path> or filesystem:<path> -> source filesystem (image_path relative to n8n''s binaryData folder); id database:<uuid> -> source database (image_bytes read from n8n.binary_data, only that row). Else json.body.image, base64 or a data: URL -> source body (image_base64 as sent; the data URL''s media type as image_mime_type). An empty string is handed over as it is (the runner records it as an invalid image). mimeType and fileName are what n8n recorded, claims only. All NULL: no image. reason says why a frame n8n recorded cannot be handed over: a database file that is gone (source database, no bytes) or an unsupported binary data mode such as s3 (source NULL).';

--
-- Name: etl_image_prune_candidates(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_image_prune_candidates(p_kind text) RETURNS TABLE(execution_id bigint, paths text[], size_bytes bigint, reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_age interval;
    v_budget bigint := nullif(public.etl_setting('image_disk_budget'), 'none')::bigint;
    v_limit integer := public.etl_setting('image_prune_batch')::integer;
BEGIN
    IF p_kind = 'original' THEN
        v_age := nullif(public.etl_setting('image_retention_originals'), 'forever')::interval;
        RETURN QUERY
        WITH kept AS (
            SELECT i.execution_id, i.original_path, i.size_bytes, i.extracted_at,
                   sum(i.size_bytes) OVER (ORDER BY i.extracted_at DESC, i.execution_id DESC) AS newer_bytes
            FROM public.execution_images AS i
            WHERE i.valid AND i.original_pruned_at IS NULL
        )
        SELECT k.execution_id, ARRAY[k.original_path], k.size_bytes,
               CASE WHEN k.extracted_at < now() - v_age THEN 'age' ELSE 'budget' END
        FROM kept AS k
        WHERE k.extracted_at < now() - v_age OR k.newer_bytes > v_budget
        ORDER BY k.extracted_at, k.execution_id
        LIMIT v_limit;
    ELSIF p_kind = 'derived' THEN
        v_age := nullif(public.etl_setting('image_retention_derived'), 'forever')::interval;
        RETURN QUERY
        SELECT i.execution_id, array_remove(ARRAY[i.thumbnail_path, i.cached_path], NULL),
               NULL::bigint, 'age'
        FROM public.execution_images AS i
        WHERE i.valid AND i.derived_pruned_at IS NULL AND i.extracted_at < now() - v_age
        ORDER BY i.extracted_at, i.execution_id
        LIMIT v_limit;
    ELSE
        RAISE EXCEPTION 'etl_image_prune_candidates: kind must be original or derived, not %', p_kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

--
-- Name: FUNCTION etl_image_prune_candidates(p_kind text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_image_prune_candidates(p_kind text) IS 'Images whose files retention removes next, oldest first, at most image_prune_batch. p_kind original: originals stored longer ago than image_retention_originals (reason age), or beyond image_disk_budget bytes of kept originals counted newest first (reason budget). p_kind derived: thumbnail and display variant stored longer ago than image_retention_derived. Settings forever / none: no such pruning. paths are relative to the image root; size_bytes is the original''s (NULL for derived files).';

--
-- Name: etl_ingest_execution(bigint, text, text, text, text, timestamp with time zone, timestamp with time zone, timestamp with time zone, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_ingest_execution(p_id bigint, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text DEFAULT 'trigger'::text, p_priority integer DEFAULT 1) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_timing record := public.etl_execution_timing(p_created_at, p_started_at, p_stopped_at);
    v_changed boolean;
    v_queued boolean;
BEGIN
    IF p_id IS NULL OR p_id <= 0 THEN
        RAISE EXCEPTION 'etl_ingest_execution: execution id must be a positive integer, got %', p_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_workflow_id IS NULL OR p_mode IS NULL THEN
        RAISE EXCEPTION 'etl_ingest_execution: execution % has no workflow id or mode', p_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_status IS NULL OR p_status NOT IN ('success', 'error', 'crashed', 'canceled') THEN
        RAISE EXCEPTION 'etl_ingest_execution: execution % has status %, not a terminal one', p_id, p_status
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_timing.execution_timestamp IS NULL THEN
        RAISE EXCEPTION 'etl_ingest_execution: execution % has no timestamp at all', p_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_source NOT IN ('trigger', 'outbox', 'reconcile', 'backfill') THEN
        RAISE EXCEPTION 'etl_ingest_execution: unknown source %', p_source
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- A replay with the same facts changes nothing; changed facts (n8n rolled back a first finish
    -- and finished again) replace the old ones and send the execution through Stage 2 again.
    INSERT INTO public.executions AS e (
        id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode, retry_of,
        timing_complete, ingest_source
    ) VALUES (
        p_id, p_workflow_id, v_timing.execution_timestamp, v_timing.completion_timestamp,
        v_timing.duration_ms, p_status, p_mode, public.etl_retry_of(p_retry_of), v_timing.timing_complete, p_source
    )
    ON CONFLICT (id) DO UPDATE SET
        workflow_id = excluded.workflow_id,
        execution_timestamp = excluded.execution_timestamp,
        completion_timestamp = excluded.completion_timestamp,
        duration_ms = excluded.duration_ms,
        status = excluded.status,
        mode = excluded.mode,
        retry_of = excluded.retry_of,
        timing_complete = excluded.timing_complete,
        updated_at = now()
    WHERE (e.workflow_id, e.execution_timestamp, e.completion_timestamp, e.status, e.mode, e.retry_of)
        IS DISTINCT FROM
        (excluded.workflow_id, excluded.execution_timestamp, excluded.completion_timestamp,
         excluded.status, excluded.mode, excluded.retry_of)
    RETURNING true INTO v_changed;

    INSERT INTO public.etl_processing_queue AS q (execution_id, priority, max_attempts)
    VALUES (p_id, p_priority, public.etl_setting('max_attempts')::integer)
    ON CONFLICT (execution_id, stage) DO UPDATE SET
        status = 'pending', attempts = 0, deferrals = 0, next_attempt_at = now(), last_error = NULL,
        priority = least(q.priority, excluded.priority)
    WHERE v_changed AND q.status <> 'processing'
    RETURNING true INTO v_queued;

    IF v_queued THEN
        PERFORM public.etl_notify_stage2(p_id);
    ELSIF v_changed THEN
        -- A runner is working from the older facts: its claim ends in pending, not completed.
        UPDATE public.etl_processing_queue AS q SET rerun = true
        WHERE q.execution_id = p_id AND q.stage = 'stage2' AND q.status = 'processing';
    END IF;
    RETURN coalesce(v_changed, false);
END
$$;

--
-- Name: FUNCTION etl_ingest_execution(p_id bigint, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text, p_priority integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_ingest_execution(p_id bigint, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text, p_priority integer) IS 'Stage 1: records one finished n8n execution (executions row, Stage 2 queue item at p_priority, NOTIFY sai_etl_stage2). Changed facts while the item is processing mark it to run again (rerun). Idempotent: a replay with the same facts changes nothing and returns false. startedAt missing -> createdAt, stoppedAt missing -> the latest earlier timestamp, timing_complete false. Raises 22023 on input that is not a finished execution.';

--
-- Name: etl_ingest_from_n8n(timestamp with time zone, bigint, integer, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_ingest_from_n8n(p_since timestamp with time zone, p_after_id bigint, p_limit integer, p_source text, p_priority integer, OUT scanned integer, OUT ingested integer, OUT last_id bigint) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_watched text[] := ARRAY(SELECT workflow_id FROM n8n.watched_workflows);
BEGIN
    -- Every filter is shipped to n8n (postgres_fdw sends the array as a parameter), so only the
    -- executions of this batch cross the link.
    WITH batch AS MATERIALIZED (
        SELECT e.id, e."workflowId", e.status, e.mode, e."retryOf", e."createdAt", e."startedAt", e."stoppedAt"
        FROM n8n.execution_entity AS e
        WHERE e.id > p_after_id
          AND e."workflowId" = ANY (v_watched)
          AND e.status IN ('success', 'error', 'crashed', 'canceled')
          AND (e."stoppedAt" >= p_since OR e."stoppedAt" IS NULL AND e."createdAt" >= p_since)
        ORDER BY e.id
        LIMIT p_limit
    ),
    added AS (
        INSERT INTO public.executions (
            id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
            retry_of, timing_complete, ingest_source
        )
        SELECT b.id, b."workflowId", t.execution_timestamp, t.completion_timestamp, t.duration_ms,
               b.status, b.mode, public.etl_retry_of(b."retryOf"), t.timing_complete, p_source
        FROM batch AS b
        CROSS JOIN LATERAL public.etl_execution_timing(b."createdAt", b."startedAt", b."stoppedAt") AS t
        ON CONFLICT (id) DO NOTHING
        RETURNING id
    ),
    queued AS (
        INSERT INTO public.etl_processing_queue (execution_id, priority, max_attempts)
        SELECT id, p_priority, public.etl_setting('max_attempts')::integer FROM added
        ON CONFLICT (execution_id, stage) DO NOTHING
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM queued), (SELECT max(id) FROM batch)
    INTO scanned, ingested, last_id;

    IF ingested > 0 THEN
        PERFORM public.etl_notify_stage2();
    END IF;
END
$$;

--
-- Name: FUNCTION etl_ingest_from_n8n(p_since timestamp with time zone, p_after_id bigint, p_limit integer, p_source text, p_priority integer, OUT scanned integer, OUT ingested integer, OUT last_id bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_ingest_from_n8n(p_since timestamp with time zone, p_after_id bigint, p_limit integer, p_source text, p_priority integer, OUT scanned integer, OUT ingested integer, OUT last_id bigint) IS 'Reads up to p_limit finished executions of watched workflows with id > p_after_id that stopped at or after p_since from n8n (postgres_fdw) and records those the dashboard lacks, queued at p_priority. Returns how many it scanned and added, and the last id scanned (the next call''s p_after_id).';

--
-- Name: etl_json_number(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_json_number(p_value jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN jsonb_typeof(p_value) = 'number' THEN (p_value #>> '{}')::numeric END
$$;

--
-- Name: FUNCTION etl_json_number(p_value jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_json_number(p_value jsonb) IS 'p_value as numeric when it is a JSON number; NULL for anything else (a string of digits included: a number the answer did not write as one is not read as one).';

--
-- Name: etl_maintenance(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_maintenance(OUT pruned integer, OUT quality_days integer, OUT heartbeats_pruned integer) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    -- Several runners sweep; one doing the housekeeping is enough, the others return at once.
    IF NOT pg_try_advisory_xact_lock(hashtext('sai_etl.maintenance')) THEN
        RETURN;
    END IF;
    pruned := public.etl_prune_queue();
    quality_days := public.etl_refresh_data_quality();
    DELETE FROM public.etl_runner_heartbeats AS h
    WHERE h.last_seen_at < now() - public.etl_setting('queue_retention')::interval;
    GET DIAGNOSTICS heartbeats_pruned = ROW_COUNT;
END
$$;

--
-- Name: FUNCTION etl_maintenance(OUT pruned integer, OUT quality_days integer, OUT heartbeats_pruned integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_maintenance(OUT pruned integer, OUT quality_days integer, OUT heartbeats_pruned integer) IS 'Housekeeping for the sweep: etl_prune_queue(), etl_refresh_data_quality() and deleting heartbeats of runners silent for longer than queue_retention. Returns what each did; all NULL when another session is doing the housekeeping right now.';

--
-- Name: etl_mark_images_pruned(text, bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_mark_images_pruned(p_kind text, p_execution_ids bigint[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_count integer;
    v_bytes bigint := 0;
BEGIN
    IF p_kind = 'original' THEN
        WITH marked AS (
            UPDATE public.execution_images AS i SET original_pruned_at = now()
            WHERE i.execution_id = ANY(p_execution_ids) AND i.original_pruned_at IS NULL
            RETURNING i.size_bytes
        )
        SELECT count(*), coalesce(sum(m.size_bytes), 0) INTO v_count, v_bytes FROM marked AS m;
    ELSIF p_kind = 'derived' THEN
        UPDATE public.execution_images AS i SET derived_pruned_at = now()
        WHERE i.execution_id = ANY(p_execution_ids) AND i.derived_pruned_at IS NULL;
        GET DIAGNOSTICS v_count = ROW_COUNT;
    ELSE
        RAISE EXCEPTION 'etl_mark_images_pruned: kind must be original or derived, not %', p_kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    INSERT INTO public.etl_maintenance AS m (job, last_started_at, last_finished_at, last_count, total_count, runs)
    VALUES
    (CASE p_kind WHEN 'original' THEN 'prune_originals' ELSE 'prune_derived' END,
     v_started, clock_timestamp(), v_count, v_count, 1),
    ('pruned_bytes', v_started, clock_timestamp(), v_bytes, v_bytes, 1)
    ON CONFLICT (job) DO UPDATE SET
        last_started_at = excluded.last_started_at,
        last_finished_at = excluded.last_finished_at,
        last_count = excluded.last_count,
        total_count = m.total_count + excluded.last_count,
        runs = m.runs + 1;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_mark_images_pruned(p_kind text, p_execution_ids bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_mark_images_pruned(p_kind text, p_execution_ids bigint[]) IS 'Marks the images of p_execution_ids whose p_kind files (original, or derived: thumbnail and display) the runner removed: original_pruned_at / derived_pruned_at = now(); sha256, size_bytes and the paths stay as history. Already marked rows are left alone. Adds to etl_maintenance (prune_originals, prune_derived, and pruned_bytes: the originals'' bytes). Returns how many rows it marked.';

--
-- Name: etl_next_ready_in(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_next_ready_in() RETURNS double precision
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    -- Deferred and backed-off items wake nobody (no NOTIFY when their time comes), and neither
    -- does a dead runner's lease running out; the runner sleeps until the earliest of them.
    SELECT CASE WHEN min(t.due) IS NOT NULL
        THEN greatest(extract(EPOCH FROM min(t.due) - clock_timestamp()), 0)::double precision
    END
    FROM (
        SELECT min(q.next_attempt_at) AS due FROM public.etl_processing_queue AS q
        WHERE q.status = 'pending'
        UNION ALL
        SELECT min(q.locked_until) FROM public.etl_processing_queue AS q
        WHERE q.status = 'processing'
    ) AS t
$$;

--
-- Name: FUNCTION etl_next_ready_in(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_next_ready_in() IS 'Seconds until the next Stage 2 item becomes claimable: the earliest pending next_attempt_at or lease end (a reaped lease makes its item claimable); 0 when one is claimable now, NULL when the queue holds neither pending nor processing items. Lets a runner sleep exactly until then.';

--
-- Name: etl_node_run(jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_node_run(p_doc jsonb, p_node text, OUT ran boolean, OUT failed boolean, OUT run_path text[], OUT item_path text[], OUT recovered boolean) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_runs jsonb;
    v_run jsonb;
BEGIN
    ran := false;
    recovered := false;
    IF p_node IS NULL THEN
        RETURN;
    END IF;
    v_runs := public.etl_flatted_node(p_doc, ARRAY['resultData', 'runData', p_node]);
    IF jsonb_typeof(v_runs) IS DISTINCT FROM 'array' OR jsonb_array_length(v_runs) = 0 THEN
        RETURN;
    END IF;
    -- A node that ran several times (a loop) is judged by its last run.
    run_path := ARRAY['resultData', 'runData', p_node, (jsonb_array_length(v_runs) - 1)::text];
    v_run := public.etl_flatted_node(p_doc, run_path);
    IF jsonb_typeof(v_run) IS DISTINCT FROM 'object' THEN
        run_path := NULL;
        RETURN;
    END IF;
    ran := true;
    -- n8n records a failed run with an `error` object (and, since 1.x, executionStatus 'error').
    failed := coalesce(jsonb_typeof(v_run -> 'error') = 'string', false)
        OR coalesce(public.etl_flatted_node(p_doc, run_path || '{executionStatus}') #>> '{}' = 'error', false);
    IF jsonb_typeof(public.etl_flatted_node(p_doc, run_path || '{data,main,0,0}')) = 'object' THEN
        item_path := run_path || '{data,main,0,0}';
    END IF;
    -- n8n's crash recovery (ExecutionRecoveryService.amend) writes a run for every node its event
    -- log saw start: executionStatus 'crashed' with a NodeCrashedError when it never finished, else
    -- the placeholder output [[{"json": {"isArtificialRecoveredEventItem": true}}]]. Neither is the
    -- node's output: no item.
    IF coalesce(public.etl_flatted_node(p_doc, run_path || '{executionStatus}') #>> '{}' = 'crashed', false)
        OR coalesce(public.etl_flatted_node(p_doc, item_path || '{json,isArtificialRecoveredEventItem}') = 'true', false)
    THEN
        recovered := true;
        item_path := NULL;
    END IF;
END
$$;

--
-- Name: FUNCTION etl_node_run(p_doc jsonb, p_node text, OUT ran boolean, OUT failed boolean, OUT run_path text[], OUT item_path text[], OUT recovered boolean); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_node_run(p_doc jsonb, p_node text, OUT ran boolean, OUT failed boolean, OUT run_path text[], OUT item_path text[], OUT recovered boolean) IS 'For a parsed flatted execution (etl_flatted_parse) and a node name: whether the node ran, whether its last run failed, the path of that run (resultData.runData.<node>.<last>) and of its first output item (run.data.main[0][0]; NULL when it output nothing), and whether that run is what n8n''s crash recovery wrote in its place (recovered: executionStatus crashed, or the placeholder item {"isArtificialRecoveredEventItem": true}; then item_path is NULL, a placeholder is no output). Paths are for etl_flatted_node. ran and recovered are false (and the rest NULL) for a NULL node or a node without runData.';

--
-- Name: etl_notification_facts(jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_notification_facts(p_doc jsonb, p_node text, OUT telegram_sent boolean, OUT telegram_message_id bigint, OUT telegram_chat_id text, OUT telegram_error text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_run record;
    v_message jsonb;
    v_detail jsonb;
BEGIN
    IF p_node IS NULL THEN
        RETURN;  -- the workflow has no Telegram node: nothing is known, all NULL
    END IF;
    v_run := public.etl_node_run(p_doc, p_node);
    -- n8n crashed: a recovery stand-in says the node ran, not what Telegram answered; and a node
    -- without a run may have sent before the crash. Unknown, all NULL.
    IF v_run.recovered OR (NOT v_run.ran AND public.etl_execution_recovered(p_doc)) THEN
        RETURN;
    END IF;
    telegram_sent := false;
    IF NOT v_run.ran THEN
        RETURN;  -- not run (the workflow did not go that way, or stopped before): not sent, no error
    END IF;
    IF v_run.failed THEN
        -- NodeApiError: message (n8n's summary) and description (Telegram's own words).
        v_message := public.etl_flatted_node(p_doc, v_run.run_path || '{error,message}');
        v_detail := public.etl_flatted_node(p_doc, v_run.run_path || '{error,description}');
    ELSIF v_run.item_path IS NOT NULL THEN
        IF public.etl_flatted_node(p_doc, v_run.item_path || '{json,ok}') = 'true' THEN
            telegram_sent := true;
            v_message := public.etl_flatted_node(p_doc, v_run.item_path || '{json,result,message_id}');
            telegram_message_id := CASE
                WHEN jsonb_typeof(v_message) = 'number' THEN (v_message #>> '{}')::numeric::bigint
            END;
            v_detail := public.etl_flatted_node(p_doc, v_run.item_path || '{json,result,chat,id}');
            telegram_chat_id := CASE WHEN jsonb_typeof(v_detail) IN ('number', 'string') THEN v_detail #>> '{}' END;
            RETURN;
        END IF;
        -- Not ok: Telegram's {ok: false, description}, or the node's continue-on-fail {error}.
        v_message := coalesce(
            public.etl_flatted_node(p_doc, v_run.item_path || '{json,error,message}'),
            public.etl_flatted_node(p_doc, v_run.item_path || '{json,error}')
        );
        v_detail := public.etl_flatted_node(p_doc, v_run.item_path || '{json,description}');
    END IF;
    telegram_error := nullif(concat_ws(': ',
        CASE WHEN jsonb_typeof(v_message) = 'string' THEN v_message #>> '{}' END,
        CASE WHEN jsonb_typeof(v_detail) = 'string' AND v_detail IS DISTINCT FROM v_message THEN v_detail #>> '{}' END
    ), '');
END
$$;

--
-- Name: FUNCTION etl_notification_facts(p_doc jsonb, p_node text, OUT telegram_sent boolean, OUT telegram_message_id bigint, OUT telegram_chat_id text, OUT telegram_error text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_notification_facts(p_doc jsonb, p_node text, OUT telegram_sent boolean, OUT telegram_message_id bigint, OUT telegram_chat_id text, OUT telegram_error text) IS 'The Telegram node''s outcome in a parsed flatted execution. p_node NULL (the workflow has no Telegram node): all NULL. telegram_sent true when its last run output ok: true, with result.message_id and result.chat.id (as text); false when it did not run (no error), failed (telegram_error = the node''s error message and description) or answered without ok (the answer''s description or error). All NULL after n8n''s crash recovery: the node''s run is a recovery stand-in (etl_node_run.recovered), or it has none and the execution was recovered (etl_execution_recovered): it may have sent.';

--
-- Name: etl_notify_stage2(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_notify_stage2(p_execution_id bigint DEFAULT NULL::bigint) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog'
    AS $$
    SELECT pg_notify('sai_etl_stage2', coalesce(p_execution_id::text, ''))
$$;

--
-- Name: FUNCTION etl_notify_stage2(p_execution_id bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_notify_stage2(p_execution_id bigint) IS 'NOTIFY sai_etl_stage2 (the channel the runner LISTENs on: runner/sai_etl/runner/claims.py CHANNEL), delivered at commit: Stage 2 work is ready. Payload: the execution id, or empty for a batch.';

--
-- Name: etl_parse_analysis(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_analysis(p_response text) RETURNS TABLE(risk_level text, confidence_score numeric, smoke_detected boolean, flame_detected boolean, heat_signature_detected boolean)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    -- A plain assignment of etl_parse_analysis_rules' record: no query runs for it.
    v_facts record := etl_parse_analysis_rules(p_response);
BEGIN
    risk_level := v_facts.risk_level;
    confidence_score := v_facts.confidence_score;
    smoke_detected := v_facts.smoke_detected;
    flame_detected := v_facts.flame_detected;
    heat_signature_detected := v_facts.heat_signature_detected;
    RETURN NEXT;
END
$$;

--
-- Name: FUNCTION etl_parse_analysis(p_response text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_analysis(p_response text) IS 'Turns the vision model''s response into risk_level (critical/high/medium/low/none), confidence_score (0..1), smoke_detected, flame_detected, heat_signature_detected; always one row. A value only where the response states it: NULL where it does not, where the model hedges or supposes, speaks of an earlier frame, names a range or a confidence out of range. A JSON object in the response (whole, in a ``` fence, or the first {...}; nested objects read too) that names any of them is authoritative, absent keys staying NULL; otherwise English/Spanish text rules read it. etl_parse_analysis_rules gives the same values with the rule behind each. NULL, blank or unreadable input gives all NULL. Never raises and starts no subtransaction, so it runs in parallel workers.';

--
-- Name: etl_parse_analysis_rules(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_analysis_rules(p_response text, OUT risk_level text, OUT risk_rule text, OUT confidence_score numeric, OUT confidence_rule text, OUT smoke_detected boolean, OUT smoke_rule text, OUT flame_detected boolean, OUT flame_rule text, OUT heat_signature_detected boolean, OUT heat_rule text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_object jsonb;
    v_facts record;
    v_tokens text[];
BEGIN
    IF p_response IS NULL OR p_response !~ '\S' THEN
        RETURN;
    END IF;
    -- J: when the model answered in JSON, its keys are the facts and the text is not read.
    v_object := etl_parse_json_object(p_response);
    IF v_object IS NOT NULL THEN
        v_facts := etl_parse_json_facts(v_object);
        IF v_facts.facts_named > 0 THEN
            risk_level := v_facts.risk_level;
            risk_rule := v_facts.risk_rule;
            confidence_score := v_facts.confidence_score;
            confidence_rule := v_facts.confidence_rule;
            smoke_detected := v_facts.smoke_detected;
            smoke_rule := v_facts.smoke_rule;
            flame_detected := v_facts.flame_detected;
            flame_rule := v_facts.flame_rule;
            heat_signature_detected := v_facts.heat_signature_detected;
            heat_rule := v_facts.heat_rule;
            RETURN;
        END IF;
    END IF;
    -- Text: only what the response asserts about this frame (A), then R, C and D.
    -- Record assignments (simple expressions), not SELECT ... INTO: no query per helper.
    v_tokens := etl_parse_assertions(etl_parse_tokens(p_response));
    v_facts := etl_parse_text_risk_level(v_tokens);
    risk_level := v_facts.risk_level;
    risk_rule := v_facts.rule;
    v_facts := etl_parse_text_confidence(v_tokens);
    confidence_score := v_facts.confidence_score;
    confidence_rule := v_facts.rule;
    v_facts := etl_parse_text_detections(v_tokens);
    smoke_detected := v_facts.smoke_detected;
    smoke_rule := v_facts.smoke_rule;
    flame_detected := v_facts.flame_detected;
    flame_rule := v_facts.flame_rule;
    heat_signature_detected := v_facts.heat_signature_detected;
    heat_rule := v_facts.heat_rule;
END
$$;

--
-- Name: FUNCTION etl_parse_analysis_rules(p_response text, OUT risk_level text, OUT risk_rule text, OUT confidence_score numeric, OUT confidence_rule text, OUT smoke_detected boolean, OUT smoke_rule text, OUT flame_detected boolean, OUT flame_rule text, OUT heat_signature_detected boolean, OUT heat_rule text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_analysis_rules(p_response text, OUT risk_level text, OUT risk_rule text, OUT confidence_score numeric, OUT confidence_rule text, OUT smoke_detected boolean, OUT smoke_rule text, OUT flame_detected boolean, OUT flame_rule text, OUT heat_signature_detected boolean, OUT heat_rule text) IS 'etl_parse_analysis with, beside each fact, the rule that produced it (docs/extraction.md lists them in order): "J key <path>" from a JSON answer (etl_parse_json_facts); from text, after etl_parse_assertions has left out hedged, hypothetical and earlier-frame segments, R1-R3 (etl_parse_text_risk_level), C1-C2 (etl_parse_text_confidence), D1-D4 (etl_parse_text_detections). A rule with a NULL value says why it read none (e.g. "C1 ...: out of range"); NULL rule and value: nothing stated. For reading and tests: SELECT * FROM etl_parse_analysis_rules(''Risk: high. Confidence: 12/10'').';

--
-- Name: etl_parse_assertions(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_assertions(p_tokens text[]) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    -- Words that make their segment unsure (hedge), hypothetical (suppose) or about the past
    -- (earlier); '?' words count only beside the neighbours checked below.
    c_marker CONSTANT jsonb := '{
        "possible": "hedge", "possibly": "hedge", "maybe": "hedge", "perhaps": "hedge", "might": "hedge",
        "may": "hedge", "probably": "hedge", "probable": "hedge", "likely": "hedge", "unlikely": "hedge", "improbable": "hedge",
        "unclear": "hedge", "uncertain": "hedge", "unsure": "hedge", "unable": "hedge", "whether": "hedge",
        "resembling": "hedge", "resembles": "hedge", "ambiguous": "hedge", "posible": "hedge",
        "posibles": "hedge", "posiblemente": "hedge", "quizas": "hedge", "quiza": "hedge", "acaso": "hedge",
        "podria": "hedge", "podrian": "hedge", "probablemente": "hedge", "dificil": "hedge",
        "could": "?could", "tell": "?tell", "say": "?tell", "decir": "?tell", "saber": "?tell",
        "confirm": "?tell", "determine": "?tell", "confirmar": "?tell", "determinar": "?tell", "rule": "?rule",
        "sure": "?sure", "certain": "?sure", "seguro": "?sure", "segura": "?sure", "claro": "?sure",
        "puede": "?puede", "vez": "?vez", "like": "?like", "ruled": "?ruled", "confirmed": "?unconfirmed", "verified": "?unconfirmed",
        "confirmado": "?unconfirmed", "confirmada": "?unconfirmed", "consistent": "?with",
        "compatible": "?with", "suggests": "hedge", "suggesting": "hedge", "suggestive": "hedge",
        "indicative": "hedge", "sugiere": "hedge",
        "if": "suppose", "unless": "suppose", "would": "?would", "hypothetical": "suppose",
        "hypothetically": "suppose", "seria": "suppose", "serian": "suppose", "hipotetico": "suppose",
        "should": "?initial", "were": "?initial", "si": "?si", "case": "?case", "caso": "?case",
        "earlier": "earlier", "previous": "earlier", "previously": "earlier", "prior": "earlier",
        "yesterday": "earlier", "withdrawn": "earlier", "withdraw": "earlier", "retracted": "earlier",
        "cancelled": "earlier", "canceled": "earlier", "anterior": "earlier", "anteriores": "earlier",
        "anteriormente": "earlier", "previo": "earlier", "previa": "earlier", "ayer": "earlier",
        "retira": "earlier", "retirada": "earlier", "retirado": "earlier", "cancelada": "earlier",
        "cancelado": "earlier", "last": "?last", "false": "?false", "falsa": "?false", "falso": "?false"
    }'::jsonb;
    c_boundary CONSTANT text[] := ARRAY[
        '.', ';', '!', '?', '|', E'\n', ',', ':', '(', ')', 'but', 'however', 'although', 'though', 'whereas', 'except',
        'pero', 'aunque', 'sino', 'embargo', 'excepto', 'salvo', 'mientras'
    ];
    c_negation CONSTANT text[] := ARRAY['no', 'not', 'none', 'never', 'without', 'sin', 'ni', 'nunca'];
    -- Whether each token is kept; filled in place (appending slices would copy the array each time).
    v_keep boolean[] := '{}';
    v_out text[] := '{}';
    v_start integer := 1;
    -- The segment before this one when a colon ended it: its label ("Smoke:", "Risk:") goes with
    -- a hedged answer ("Smoke: possibly").
    v_label_start integer;
    v_drop boolean := false;
    v_negated boolean := false;
    v_marker text;
    v_n integer := coalesce(array_length(p_tokens, 1), 0);
BEGIN
    FOR i IN 1..v_n + 1 LOOP
        IF i > v_n OR p_tokens[i] = ANY(c_boundary) THEN
            -- The segment p_tokens[v_start .. i-1] ends here: kept unless a marker was in it; the
            -- boundary itself is always kept.
            FOR j IN v_start..i - 1 LOOP
                v_keep[j] := NOT v_drop;
            END LOOP;
            v_keep[i] := true;
            IF v_drop AND v_marker IS DISTINCT FROM 'earlier' AND v_label_start IS NOT NULL THEN
                FOR j IN v_label_start..v_start - 1 LOOP
                    v_keep[j] := false;
                END LOOP;
            END IF;
            v_label_start := CASE WHEN p_tokens[i] = ':' THEN v_start END;
            v_start := i + 1;
            v_marker := NULL;
            v_drop := false;
            v_negated := false;
            CONTINUE;
        END IF;
        CONTINUE WHEN v_drop;
        v_marker := c_marker ->> p_tokens[i];
        IF v_marker IS NULL THEN
            v_negated := v_negated OR p_tokens[i] = ANY(c_negation);
            CONTINUE;
        END IF;
        v_drop := coalesce(CASE v_marker
            -- "could be smoke" is unsure; "could not see smoke", "no smoke could be seen" are not.
            WHEN '?could' THEN p_tokens[i + 1] IS DISTINCT FROM 'not' AND NOT v_negated
            -- "hard to tell", "cannot say", "unable to confirm", "difícil de saber"
            WHEN '?tell' THEN p_tokens[i - 1] IN ('to', 'not', 'de', 'puede')
            -- "would be critical" supposes; "I would rate/classify the risk as high" states.
            WHEN '?would' THEN p_tokens[i + 1] IS NULL OR p_tokens[i + 1] NOT IN (
                'rate', 'classify', 'say', 'call', 'assess', 'consider', 'estimate', 'describe', 'categorize',
                'characterize', 'label', 'put', 'place'
            )
            WHEN '?rule' THEN p_tokens[i + 1] = 'out'
            -- "cannot be ruled out"; "ruled out" alone denies
            WHEN '?ruled' THEN p_tokens[i + 1] = 'out' AND 'not' IN (p_tokens[i - 1], p_tokens[i - 2], p_tokens[i - 3])
            -- "smoke-like haze": like smoke, not smoke
            WHEN '?like' THEN p_tokens[i - 1] = '-'
            -- "not sure", "no estoy seguro", "no está claro"
            WHEN '?sure' THEN p_tokens[i - 1] IN ('not', 'no') OR p_tokens[i - 2] IN ('not', 'no')
            -- "could not be confirmed", "no confirmado": unsure, not denied
            WHEN '?unconfirmed' THEN 'not' IN (p_tokens[i - 1], p_tokens[i - 2], p_tokens[i - 3])
                OR 'no' IN (p_tokens[i - 1], p_tokens[i - 2])
            -- "consistent with a small fire", "compatible con humo": an inference
            WHEN '?with' THEN p_tokens[i + 1] IN ('with', 'con')
            -- "Si aparecen llamas", "riesgo alto si continúa el viento"; "Sí, al fondo", "Humo: sí",
            -- "pero sí se ven llamas" are answers.
            WHEN '?si' THEN p_tokens[i + 1] ~ '^[a-z]' AND p_tokens[i + 1] NOT IN ('se', 'que', 'hay')
                AND (i = 1 OR p_tokens[i - 1] NOT IN ('pero', 'sino', 'que', ':', '='))
            WHEN '?puede' THEN p_tokens[i + 1] IN ('que', 'ser') OR p_tokens[i - 1] = 'se'
            WHEN '?vez' THEN p_tokens[i - 1] = 'tal'
            -- "Should smoke appear", "Were there flames": a condition opens it.
            WHEN '?initial' THEN i = v_start AND p_tokens[i + 1] ~ '^[a-z]'
                AND (i = 1 OR p_tokens[i - 1] IN ('.', ';', '!', '?', '|', E'\n'))
            WHEN '?case' THEN p_tokens[i - 1] IN ('in', 'en')
            WHEN '?last' THEN p_tokens[i + 1] IN ('frame', 'image', 'alert', 'alarm', 'capture', 'shot', 'report')
            WHEN '?false' THEN p_tokens[i + 1] IN ('alarm', 'alarms', 'positive', 'positives', 'alarma', 'positivo')
            ELSE true
        END, false);
        -- Which kind dropped it: an earlier frame's segment keeps the label before its colon.
        v_marker := CASE
            WHEN NOT v_drop THEN NULL
            WHEN v_marker IN ('earlier', '?last', '?false') THEN 'earlier'
            ELSE 'unsure'
        END;
    END LOOP;
    -- Appending one element at a time extends the array in place; a query would cost more here.
    FOR i IN 1..v_n LOOP
        IF v_keep[i] THEN
            v_out := v_out || p_tokens[i];
        END IF;
    END LOOP;
    RETURN v_out;
END
$$;

--
-- Name: FUNCTION etl_parse_assertions(p_tokens text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_assertions(p_tokens text[]) IS 'The tokens (etl_parse_tokens) of what a response asserts about this frame. It is cut into segments at sentence ends, commas, colons, brackets and contrasts (but, however, pero, aunque, ...); a segment is left out, its boundary kept, when it hedges (possible, maybe, might, could be, probably, hard to tell, not sure, unable to determine, can''t rule out, could not be confirmed, whether, consistent with, smoke-like, suggests; posible, quizás, podría, tal vez, puede que, difícil de saber, no está claro, no confirmado), supposes (if, unless, would but not "would rate/classify/call", should/were opening a sentence, in case of; si before a verb, sería, en caso de) or speaks of an earlier frame or a withdrawn alarm (earlier, previous, last frame, false alarm, withdrawn, cancelled; anterior, previo, falsa alarma, se retira). A hedged or supposed answer takes its label with it ("Smoke: possibly"). "could" after a negation ("no smoke could be seen") or before "not" is no hedge. So a value is read only where the text states it.';

--
-- Name: etl_parse_confidence(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_confidence(p_value text) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
DECLARE
    v_parts text[];
    v_number numeric;
BEGIN
    -- "8/10", "4 out of 5", "7 sobre 10": on its own scale, never more than it.
    v_parts := regexp_match(
        etl_parse_fold(p_value), '^\s*([0-9]{1,3}(?:[.,][0-9]{1,6})?)\s*(?:/|out of|of|sobre|de)\s*([0-9]{1,3})\s*$'
    );
    IF v_parts IS NOT NULL THEN
        v_number := replace(v_parts[1], ',', '.')::numeric;
        RETURN CASE
            WHEN v_parts[2]::integer > 0 AND v_number <= v_parts[2]::integer
                THEN trim_scale(round(v_number / v_parts[2]::integer, 4))
        END;
    END IF;
    v_parts := regexp_match(p_value, '^\s*([0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)\s*(%?)\s*$');
    -- Bounded so that the cast cannot overflow (and bounded repeats in the regex cost 5x).
    IF v_parts IS NULL OR length(v_parts[1]) > 40 THEN
        RETURN NULL;
    END IF;
    v_number := replace(v_parts[1], ',', '.')::numeric;
    IF v_parts[2] = '%' THEN
        v_number := v_number / 100;
    ELSIF v_number > 1 THEN
        -- Above 10 a bare number reads as a percentage ("87"); from 1 to 10 ("7", "1.5") it may be out
        -- of 5, of 10 or a percentage: no guess.
        v_number := CASE WHEN v_number > 10 THEN v_number / 100 END;
    END IF;
    RETURN CASE WHEN v_number <= 1 THEN trim_scale(v_number) END;
END
$_$;

--
-- Name: FUNCTION etl_parse_confidence(p_value text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_confidence(p_value text) IS 'Normalises one confidence value to 0..1: a fraction stays, a value with "%" or a bare number above 10 and up to 100 is a percentage, "8/10", "4 out of 5", "7 sobre 10" are read on their scale, a decimal comma is accepted; anything else (negative, above 100 or its scale, a bare number above 1 and up to 10 whose scale is not stated, words) is NULL: an invented confidence is worse than none.';

--
-- Name: etl_parse_flag(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_flag(p_value jsonb) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_words text[];
BEGIN
    CASE jsonb_typeof(p_value)
        WHEN 'boolean' THEN
            RETURN p_value::boolean;
        WHEN 'number' THEN
            RETURN CASE p_value::numeric WHEN 1 THEN true WHEN 0 THEN false END;
        WHEN 'string' THEN
            v_words := array_remove(regexp_split_to_array(etl_parse_fold(p_value #>> '{}'), '[^a-z0-9]+'), '');
        ELSE
            RETURN NULL;
    END CASE;
    -- A hedged or unknown answer says nothing: "probably", "maybe yes", "unknown", "not evaluated".
    IF v_words && ARRAY[
        'maybe', 'possibly', 'possible', 'probably', 'likely', 'unlikely', 'unclear', 'uncertain', 'unsure',
        'unknown', 'evaluated', 'assessed', 'applicable', 'available', 'determined', 'posible', 'posiblemente',
        'quizas', 'probablemente', 'desconocido', 'desconocida', 'evaluado', 'evaluada', 'aplica', 'determinado',
        'determinada', 'disponible', 'na', 'nd', 'sure', 'certain', 'clear', 'data', 'info', 'information',
        'seguro', 'segura', 'claro', 'datos', 'informacion', 'idea', 'confirmed', 'confirmado', 'confirmada'
    ] OR v_words[1:2] = ARRAY['n', 'a'] THEN
        RETURN NULL;
    END IF;
    -- The first word answers: "yes, dense", "sí", "detected", "no", "none visible", "not detected".
    RETURN CASE
        WHEN v_words[1] IN (
            'true', 'yes', 'y', 'si', '1', 'detected', 'present', 'visible', 'detectado', 'detectada', 'presente',
            'verdadero', 'confirmed', 'positive', 'positivo'
        ) THEN true
        WHEN v_words[1] IN (
            'false', 'no', 'n', '0', 'none', 'absent', 'ausente', 'falso', 'ninguno', 'ninguna', 'nope', 'negative',
            'negativo', 'not'
        ) THEN false
    END;
END
$$;

--
-- Name: FUNCTION etl_parse_flag(p_value jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_flag(p_value jsonb) IS 'Reads a smoke/flame/heat value of the model''s JSON: JSON booleans, 1/0, and a string whose first word is an English or Spanish yes/no ("yes, dense", "sí", "detected", "none visible", "not detected", "no"). NULL: a hedge or an unknown ("probably", "maybe", "unknown", "n/a", "not evaluated", "not sure", "no data", "not confirmed", "no aplica"), any other value (a probability such as 0.4, an object): not false.';

--
-- Name: etl_parse_flag_probability(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_flag_probability(p_value jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE etl_parse_confidence(
        CASE WHEN jsonb_typeof(p_value) IN ('number', 'string') THEN p_value #>> '{}' END
    )
        WHEN 0 THEN false
        WHEN 1 THEN true
    END
$$;

--
-- Name: FUNCTION etl_parse_flag_probability(p_value jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_flag_probability(p_value jsonb) IS 'A smoke/flame/heat probability of the model''s JSON as a detection: 0 (or 0%) is false, 1 (or 100%) is true; any other probability, or a value that is none (etl_parse_confidence), is NULL: the model is unsure, and a guessed threshold would invent a value.';

--
-- Name: etl_parse_fold(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_fold(p_text text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
    -- translate() costs more than the rest of the folding, so pure ASCII text skips it.
    IF octet_length(p_text) = length(p_text) THEN
        RETURN lower(p_text);
    END IF;
    RETURN lower(translate(p_text, 'ÁÉÍÓÚÜÑáéíóúüñ’‘“”', 'AEIOUUNaeiouun''''""'));
END
$$;

--
-- Name: FUNCTION etl_parse_fold(p_text text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_fold(p_text text) IS 'Lower-cases a model response and strips Spanish accents and typographic quotes, so the parsing rules of etl_parse_analysis match one spelling of each English or Spanish word.';

--
-- Name: etl_parse_json_facts(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_json_facts(p_object jsonb, OUT risk_level text, OUT confidence_score numeric, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT facts_named integer, OUT risk_rule text, OUT confidence_rule text, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    c_facts CONSTANT text[] := ARRAY['risk', 'confidence', 'smoke', 'flame', 'heat'];
    v_leaf record;
    v_fact text;
    v_slot integer;
    v_value text;
    -- Per fact: the key chosen so far and its rank (depth * 2, minus 1 for the contract's own name).
    v_rank integer[] := ARRAY[99, 99, 99, 99, 99];
    v_chosen text[] := ARRAY[NULL, NULL, NULL, NULL, NULL]::text[];
    v_path text[] := ARRAY[NULL, NULL, NULL, NULL, NULL]::text[];
    v_rank_here integer;
BEGIN
    facts_named := 0;
    -- Every value that is not an object, down to three levels: {"analysis": {"risk": {"level": ...}}}.
    FOR v_leaf IN
        WITH RECURSIVE walk (path, key, parent, value, depth) AS (
            SELECT ARRAY[e.key], e.key, NULL::text, e.value, 1 FROM jsonb_each(p_object) AS e
            UNION ALL
            SELECT w.path || e.key, e.key, w.key, e.value, w.depth + 1
            FROM walk AS w CROSS JOIN LATERAL jsonb_each(w.value) AS e
            WHERE jsonb_typeof(w.value) = 'object' AND w.depth < 3
        )
        SELECT w.path, w.key, w.parent, w.value, w.depth FROM walk AS w
        WHERE jsonb_typeof(w.value) <> 'object'
        ORDER BY w.depth, w.path
    LOOP
        v_fact := etl_parse_json_key(v_leaf.key, v_leaf.parent);
        CONTINUE WHEN v_fact IS NULL;
        facts_named := facts_named + 1;
        -- The fact's value as a contract value, so that a key that says nothing ("risk": 4) lets
        -- another key of the same fact speak ("risk_label": "high").
        v_value := CASE v_fact
            WHEN 'risk' THEN CASE WHEN jsonb_typeof(v_leaf.value) = 'string' THEN etl_parse_risk_level(v_leaf.value #>> '{}') END
            WHEN 'confidence' THEN CASE
                WHEN jsonb_typeof(v_leaf.value) IN ('number', 'string') THEN etl_parse_confidence(v_leaf.value #>> '{}')::text
            END
            WHEN 'smoke probability' THEN etl_parse_flag_probability(v_leaf.value)::text
            WHEN 'flame probability' THEN etl_parse_flag_probability(v_leaf.value)::text
            WHEN 'heat probability' THEN etl_parse_flag_probability(v_leaf.value)::text
            ELSE etl_parse_flag(v_leaf.value)::text
        END;
        v_slot := array_position(c_facts, split_part(v_fact, ' ', 1));
        v_rank_here := v_leaf.depth * 2 - CASE
            WHEN regexp_replace(lower(v_leaf.key), '[^a-z]', '', 'g') IN (
                'risklevel', 'confidence', 'confidencescore', 'smokedetected', 'flamedetected', 'heatsignaturedetected'
            ) THEN 1 ELSE 0
        END;
        -- Of the keys with a value, the contract's own, then the shallowest, decides.
        IF v_value IS NOT NULL AND (v_chosen[v_slot] IS NULL OR v_rank_here < v_rank[v_slot]) THEN
            v_rank[v_slot] := v_rank_here;
            v_chosen[v_slot] := v_value;
            v_path[v_slot] := array_to_string(v_leaf.path, '.');
        END IF;
    END LOOP;
    risk_level := v_chosen[1];
    confidence_score := v_chosen[2]::numeric;
    smoke_detected := v_chosen[3]::boolean;
    flame_detected := v_chosen[4]::boolean;
    heat_signature_detected := v_chosen[5]::boolean;
    risk_rule := 'J key ' || v_path[1];
    confidence_rule := 'J key ' || v_path[2];
    smoke_rule := 'J key ' || v_path[3];
    flame_rule := 'J key ' || v_path[4];
    heat_rule := 'J key ' || v_path[5];
END
$$;

--
-- Name: FUNCTION etl_parse_json_facts(p_object jsonb, OUT risk_level text, OUT confidence_score numeric, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT facts_named integer, OUT risk_rule text, OUT confidence_rule text, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_json_facts(p_object jsonb, OUT risk_level text, OUT confidence_score numeric, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT facts_named integer, OUT risk_rule text, OUT confidence_rule text, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text) IS 'Reads risk, confidence and the three detections from one JSON object of the model, down to three levels ({"analysis": {"risk": {"level": "high"}}}, {"smoke": {"detected": true}}), naming the key path each came from (J key <path>). Keys by etl_parse_json_key; values by etl_parse_risk_level, etl_parse_confidence, etl_parse_flag (a thing''s probability by etl_parse_flag_probability). The contract''s own key wins, then the shallowest; a key whose value says nothing yields to another key of the same fact that does. An absent key is NULL; facts_named counts the keys recognised, 0 meaning the object is not an analysis.';

--
-- Name: etl_parse_json_key(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_json_key(p_key text, p_parent text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
DECLARE
    -- "Risk Level", "risk-level", "riskLevel", "nivel_riesgo" all read as risklevel / nivelriesgo.
    v_key text := regexp_replace(etl_parse_fold(p_key), '[^a-z0-9]', '', 'g');
    v_parent text := CASE WHEN p_parent IS NOT NULL THEN etl_parse_json_key(p_parent, NULL) END;
BEGIN
    -- Inside a thing's own object: {"smoke": {"detected": true, "confidence": 0.7}}; its confidence is
    -- the thing's, not the analysis'.
    IF v_parent IN ('smoke', 'flame', 'heat') THEN
        RETURN CASE
            WHEN v_key IN (
                'detected', 'present', 'visible', 'value', 'status', 'found', 'detectado', 'detectada', 'presente',
                'valor', 'estado', 'observed'
            ) THEN v_parent
            WHEN v_key ~ '(probab|likelihood)' THEN v_parent || ' probability'
        END;
    END IF;
    IF v_parent = 'risk' AND v_key IN ('level', 'nivel', 'label', 'category', 'categoria', 'class', 'rating', 'value', 'valor') THEN
        RETURN 'risk';
    END IF;
    RETURN CASE
        WHEN v_key ~ '^(overall|current|general)?(fire|wildfire)?(risk|danger)(level|label|rating|category|assessment|class)?$'
            OR v_key ~ '^(nivel|grado)?(de)?(riesgo|peligro)(de)?(incendio|fuego)?(forestal)?$'
            OR v_key IN ('level', 'nivel', 'riskassessment', 'firerisklevel', 'wildfirerisklevel') THEN 'risk'
        WHEN v_key ~ '^(overall)?(confidence|certainty)(score|level|value)?$'
            OR v_key ~ '^(nivel|grado)?(de)?(confianza|certeza)$' THEN 'confidence'
        -- A thing's probability ("smoke_probability", "probabilidad_humo") is read as a probability.
        WHEN v_key ~ '(probab|likelihood)' THEN CASE
            WHEN v_key ~ '(smoke|humo)' THEN 'smoke probability'
            WHEN v_key ~ '(flame|fire|llama|fuego|incendio)' THEN 'flame probability'
            WHEN v_key ~ '(heat|thermal|calor|termic)' THEN 'heat probability'
        END
        WHEN v_key ~ '(smoke|humo)' AND v_key !~ 'detector' THEN 'smoke'
        WHEN v_key ~ '(flame|fire|llama|fuego|incendio|blaze)' THEN 'flame'
        WHEN v_key ~ '(heat|thermal|hotspot|calor|termic|anomaliatermica)' THEN 'heat'
    END;
END
$_$;

--
-- Name: FUNCTION etl_parse_json_key(p_key text, p_parent text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_json_key(p_key text, p_parent text) IS 'The fact (risk, confidence, smoke, flame, heat, or "<thing> probability") a key of the model''s JSON names, case-, accent- and separator-blind in English and Spanish: riskLevel, risk, fire_risk, nivel_de_riesgo, riesgo, level; confidence, confidence_score, confianza, certeza; any key with smoke/humo, flame/fire/llama/fuego/incendio, heat/thermal/hotspot/calor/térmica in it (has_smoke, flames_visible, firma_termica), one with probability/likelihood as that thing''s probability. p_parent is the key holding it: {"smoke": {"detected": true}} is smoke, {"risk": {"level": "high"}} is risk, a confidence inside a thing''s object is not the analysis'' one. NULL: another key.';

--
-- Name: etl_parse_json_object(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_json_object(p_response text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_candidate text;
    v_rest text;
    v_fence integer;
    v_start integer;
    v_end integer;
    v_json jsonb;
BEGIN
    v_candidate := btrim(p_response, E' \t\r\n');
    IF left(v_candidate, 1) NOT IN ('{', '[') OR NOT etl_parse_json_valid(v_candidate) THEN
        v_candidate := NULL;
        v_fence := strpos(p_response, '```');
        IF v_fence > 0 THEN
            v_rest := substr(p_response, v_fence + 3);
            v_end := strpos(v_rest, '```');
            IF v_end > 0 THEN
                -- Drop the fence's language tag (```json), keep what the fence holds.
                v_candidate := btrim(regexp_replace(left(v_rest, v_end - 1), '^[A-Za-z0-9_+-]*', ''), E' \t\r\n');
                IF left(v_candidate, 1) NOT IN ('{', '[') OR NOT etl_parse_json_valid(v_candidate) THEN
                    v_candidate := NULL;
                END IF;
            END IF;
        END IF;
    END IF;
    IF v_candidate IS NULL THEN
        -- The first object in the text: from the first "{" to the last "}", else to the nearest
        -- "}" that closes a valid object (a bounded number of tries keeps odd texts cheap).
        v_start := strpos(p_response, '{');
        IF v_start = 0 OR strpos(p_response, '}') = 0 THEN
            RETURN NULL;
        END IF;
        v_rest := substr(p_response, v_start);
        v_end := length(v_rest) - strpos(reverse(v_rest), '}') + 1;
        IF etl_parse_json_valid(left(v_rest, v_end)) THEN
            v_candidate := left(v_rest, v_end);
        ELSE
            v_end := 0;
            FOR i IN 1..16 LOOP
                v_start := strpos(substr(v_rest, v_end + 1), '}');
                EXIT WHEN v_start = 0;
                v_end := v_end + v_start;
                IF etl_parse_json_valid(left(v_rest, v_end)) THEN
                    v_candidate := left(v_rest, v_end);
                    EXIT;
                END IF;
            END LOOP;
        END IF;
    END IF;
    IF v_candidate IS NULL THEN
        RETURN NULL;
    END IF;
    v_json := v_candidate::jsonb;
    IF jsonb_typeof(v_json) = 'array' THEN
        -- A list of findings: the first object in it.
        SELECT e.value INTO v_json
        FROM jsonb_array_elements(v_json) WITH ORDINALITY AS e (value, n)
        WHERE jsonb_typeof(e.value) = 'object'
        ORDER BY e.n
        LIMIT 1;
    END IF;
    RETURN CASE WHEN jsonb_typeof(v_json) = 'object' THEN v_json END;
END
$$;

--
-- Name: FUNCTION etl_parse_json_object(p_response text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_json_object(p_response text) IS 'The JSON object in a model response: the whole response, else the first ``` (or ```json) code fence, else the first {...} in the text; an array counts by its first object. NULL when there is none or it is not valid JSON (never raises), so the caller falls back to the text rules.';

--
-- Name: etl_parse_json_valid(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_json_valid(p_text text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    -- \x01 stands for a string, \x02 for any other complete value.
    v_rest text;
    v_before text;
BEGIN
    -- The stand-ins must not occur already; \u0000 and surrogate escapes are refused by jsonb.
    -- Up to 15,000 characters no number can exceed numeric's 16,383 decimal digits, even with e-999.
    IF p_text IS NULL OR length(p_text) > 15000 OR p_text ~ '[\x01\x02]'
        OR p_text ~ '\\u(?:0000|[dD][89a-fA-F])' THEN
        RETURN false;
    END IF;
    v_rest := regexp_replace(p_text, '"(?:[^"\\\x01-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"', E'\x01', 'g');
    v_rest := regexp_replace(
        v_rest, '-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,3})?|true|false|null', E'\x02', 'g'
    );
    v_rest := translate(v_rest, E' \t\n\r', '');
    IF v_rest ~ '[^\x01\x02{}\[\],:]' THEN
        RETURN false;
    END IF;
    -- Reduce innermost objects and arrays to a value until one value is left; 64 levels at most.
    FOR i IN 1..64 LOOP
        EXIT WHEN v_rest IN (E'\x01', E'\x02');
        v_before := v_rest;
        v_rest := regexp_replace(
            v_rest, '\{(?:\x01:[\x01\x02](?:,\x01:[\x01\x02])*)?\}|\[(?:[\x01\x02](?:,[\x01\x02])*)?\]', E'\x02', 'g'
        );
        EXIT WHEN v_rest = v_before;
    END LOOP;
    RETURN v_rest IN (E'\x01', E'\x02');
END
$$;

--
-- Name: FUNCTION etl_parse_json_valid(p_text text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_json_valid(p_text text) IS 'True when the text is one JSON value that ::jsonb accepts. Checked by rewriting (strings, then scalars, then innermost containers) instead of catching the cast''s error, so callers stay PARALLEL SAFE and never raise. Deliberately stricter than jsonb: refuses \u0000 and surrogate escapes, exponents beyond 999, texts over 15,000 characters and nesting deeper than 64; the caller then reads the response as text.';

--
-- Name: etl_parse_risk_denied(text[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_risk_denied(p_tokens text[], p_at integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
    -- Back over at most six tokens, within the phrase (no punctuation), and not past a thing of
    -- its own ("no smoke and low risk" denies the smoke, not the risk).
    FOR i IN REVERSE p_at - 1 .. greatest(p_at - 6, 1) LOOP
        EXIT WHEN p_tokens[i] IN (
            '.', ';', ',', '!', '?', '|', E'\n', ':', 'but', 'pero', 'and', 'y', 'smoke', 'humo', 'flame',
            'flames', 'llamas', 'fire', 'fuego', 'heat', 'calor'
        );
        IF p_tokens[i] IN ('no', 'not', 'never', 'nor', 'ni', 'nunca', 'neither', 'hardly') THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

--
-- Name: FUNCTION etl_parse_risk_denied(p_tokens text[], p_at integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_risk_denied(p_tokens text[], p_at integer) IS 'True when no/not/never/ni/nunca stands in the six tokens before p_at, within the phrase (no punctuation, "and", "but" or smoke/flame/heat word between): the level there is denied, not stated. Used by etl_parse_text_risk_level.';

--
-- Name: etl_parse_risk_level(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_risk_level(p_value text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_words text[] := array_remove(regexp_split_to_array(etl_parse_fold(p_value), '[^a-z]+'), '');
    v_word text;
    v_level text;
BEGIN
    IF v_words IN ('{no}', '{sin}') THEN
        RETURN 'none';
    END IF;
    -- A question ("high?") is no level.
    IF strpos(p_value, '?') > 0 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..coalesce(array_length(v_words, 1), 0) LOOP
        v_word := v_words[i];
        IF v_word IN ('no', 'sin') AND v_words[i + 1] IN ('risk', 'riesgo') THEN
            v_word := 'none';
        ELSIF v_word IN ('not', 'no', 'nor', 'ni', 'never') THEN
            RETURN NULL;  -- "not high", "no alto": denied, not stated
        END IF;
        v_word := CASE
            WHEN v_word IN ('critical', 'critico', 'critica', 'extreme', 'extremo', 'extrema', 'severe', 'severo',
                            'severa') THEN 'critical'
            WHEN v_word IN ('high', 'alto', 'alta', 'elevated', 'elevado', 'elevada') THEN 'high'
            WHEN v_word IN ('medium', 'moderate', 'moderado', 'moderada', 'medio', 'media', 'intermediate',
                            'intermedio', 'intermedia') THEN 'medium'
            WHEN v_word IN ('low', 'bajo', 'baja', 'minimal', 'minimo', 'minima') THEN 'low'
            WHEN v_word IN ('none', 'ninguno', 'ninguna', 'nulo', 'nula', 'nil', 'zero', 'cero') THEN 'none'
        END;
        IF v_word IS NOT NULL AND v_level IS NOT NULL AND v_word <> v_level THEN
            RETURN NULL;  -- two levels: "medium-high", "low or medium" is a range
        END IF;
        v_level := coalesce(v_level, v_word);
    END LOOP;
    RETURN v_level;
END
$$;

--
-- Name: FUNCTION etl_parse_risk_level(p_value text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_risk_level(p_value text) IS 'Maps a risk value written in English or Spanish to exactly one of critical, high, medium, low, none (moderate/medio/moderado = medium; extreme/severe = critical; "no risk", "sin riesgo", ninguno, nulo, zero and a bare "no" = none). No level: no risk word, a question ("high?"), two levels ("medium-high", "low or medium"), a denied one ("not high"): NULL.';

--
-- Name: etl_parse_risk_of_other(text[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_risk_of_other(p_tokens text[], p_label integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_next integer := p_label + 1;
BEGIN
    IF p_tokens[v_next] IS NULL OR p_tokens[v_next] NOT IN ('of', 'de', 'del', 'for', 'para') THEN
        RETURN false;
    END IF;
    v_next := v_next + 1;
    WHILE p_tokens[v_next] IN ('a', 'an', 'the', 'un', 'una', 'el', 'la', 'los', 'las', 'any') LOOP
        v_next := v_next + 1;
    END LOOP;
    RETURN p_tokens[v_next] ~ '^[a-z]' AND p_tokens[v_next] NOT IN (
        'fire', 'fires', 'wildfire', 'wildfires', 'forest', 'bushfire', 'burning', 'ignition', 'spread',
        'incendio', 'incendios', 'fuego', 'fuegos', 'propagacion', 'ignicion', 'this', 'that', 'these', 'scene',
        'image', 'area', 'situation', 'frame', 'zone', 'camera', 'site', 'location', 'esta', 'este', 'escena',
        'imagen', 'zona', 'area', 'situacion', 'camara', 'level', 'nivel'
    );
END
$$;

--
-- Name: FUNCTION etl_parse_risk_of_other(p_tokens text[], p_label integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_risk_of_other(p_tokens text[], p_label integer) IS 'True when the risk/riesgo/danger label at p_label is followed by "of"/"de"/"for" and a word that is not fire (fire, wildfire, incendio, fuego, spread, ...) nor the scene itself (this, image, area, zona, ...): "risk of rain", "riesgo de accidente". etl_parse_text_risk_level reads no level there.';

--
-- Name: etl_parse_text_confidence(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_text_confidence(p_tokens text[], OUT confidence_score numeric, OUT rule text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
DECLARE
    v_label integer;
    v_next integer;
    v_at integer;
    v_rule text;
    v_whole integer;
BEGIN
    -- C1 label: the number after a label: "Confidence: 96%", "Confianza: 0,88", "confidence 0.97",
    -- "confidence level of about 0.9", "Confidence: high (0.9)", "Confidence (0-1): 0.8".
    -- The earliest label with a number wins.
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'confidence') || array_positions(p_tokens, 'confianza')
        || array_positions(p_tokens, 'certainty') || array_positions(p_tokens, 'certeza')
    LOOP
        v_next := v_label + 1;
        WHILE v_next <= v_label + 8 AND (p_tokens[v_next] IN (
            ':', '=', '(', ')', 'level', 'score', 'nivel', 'is', 'of', 'at', 'about', 'around', 'approximately', 'approx',
            'roughly', 'es', 'de', 'del', 'el', 'la', 'aproximadamente', 'aprox', 'un', 'una', 'high', 'medium',
            'low', 'alta', 'media', 'baja', 'alto', 'medio', 'bajo'
        )
            -- a scale announced before the value: "(0-1): 0.8", "(0-100): 80"
            OR (p_tokens[v_next] ~ '^[0-9]' AND p_tokens[v_next + 1] = '-' AND p_tokens[v_next + 2] ~ '^[0-9]'
                AND p_tokens[v_next + 3] IN (':', ')')))
        LOOP
            v_next := v_next + CASE WHEN p_tokens[v_next] ~ '^[0-9]' THEN 3 ELSE 1 END;
        END LOOP;
        IF (p_tokens[v_next] ~ '^[0-9]' OR p_tokens[v_next] = '-') AND (v_at IS NULL OR v_next < v_at) THEN
            v_at := v_next;
            v_rule := 'C1 number after a confidence label';
        END IF;
    END LOOP;
    -- C2 before: else the number right before it: "90% confidence", "I am 85% confident", "80% de confianza".
    IF v_at IS NULL THEN
        FOREACH v_label IN ARRAY array_positions(p_tokens, 'confidence') || array_positions(p_tokens, 'confident')
            || array_positions(p_tokens, 'confianza') || array_positions(p_tokens, 'certainty')
            || array_positions(p_tokens, 'certeza') || array_positions(p_tokens, 'seguro')
            || array_positions(p_tokens, 'segura')
        LOOP
            v_next := v_label - 1;
            WHILE v_next >= v_label - 3 AND p_tokens[v_next] IN ('%', 'percent', 'por', 'ciento', 'de', 'of') LOOP
                v_next := v_next - 1;
            END LOOP;
            IF p_tokens[v_next] ~ '^[0-9]' AND (v_at IS NULL OR v_next < v_at) THEN
                v_at := v_next;
                v_rule := 'C2 number before "confidence"';
            END IF;
        END LOOP;
    END IF;
    -- A number token (etl_parse_tokens); bounded so that the casts cannot overflow.
    IF v_at IS NULL OR length(p_tokens[v_at]) > 40 THEN
        RETURN;
    END IF;
    rule := v_rule;
    -- A negative value ("-0.2") or a range ("60-70%", "0.6 to 0.8") is no confidence.
    IF p_tokens[v_at] = '-' OR p_tokens[v_at - 1] = '-' OR (
        p_tokens[v_at + 1] IN ('-', 'to', 'a') AND p_tokens[v_at + 2] ~ '^[0-9]'
    ) OR (p_tokens[v_at + 1] = '%' AND p_tokens[v_at + 2] IN ('-', 'to', 'a') AND p_tokens[v_at + 3] ~ '^[0-9]') THEN
        rule := rule || ': out of range';
        RETURN;
    END IF;
    -- A scale: "8/10", "9 out of 10", "4 of 5", "7 sobre 10", "3 de 5".
    v_next := CASE
        WHEN p_tokens[v_at + 1] IN ('/', 'of', 'sobre', 'de') THEN v_at + 2
        WHEN p_tokens[v_at + 1] = 'out' AND p_tokens[v_at + 2] = 'of' THEN v_at + 3
    END;
    IF p_tokens[v_next] ~ '^[0-9]{1,3}$' THEN
        v_whole := p_tokens[v_next]::integer;
        confidence_score := CASE
            WHEN v_whole > 0 AND replace(p_tokens[v_at], ',', '.')::numeric <= v_whole
                THEN trim_scale(round(replace(p_tokens[v_at], ',', '.')::numeric / v_whole, 4))
        END;
        rule := rule || CASE WHEN confidence_score IS NULL THEN ': out of range' ELSE ' on its scale' END;
        RETURN;
    END IF;
    confidence_score := etl_parse_confidence(
        p_tokens[v_at]
        || CASE
            WHEN p_tokens[v_at + 1] IN ('%', 'percent') OR (p_tokens[v_at + 1] = 'por' AND p_tokens[v_at + 2] = 'ciento')
                THEN '%'
            ELSE ''
        END
    );
    IF confidence_score IS NULL THEN
        rule := rule || ': out of range or on no stated scale';
    END IF;
END
$_$;

--
-- Name: FUNCTION etl_parse_text_confidence(p_tokens text[], OUT confidence_score numeric, OUT rule text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_text_confidence(p_tokens text[], OUT confidence_score numeric, OUT rule text) IS 'Confidence from the asserted tokens of a free-text response (etl_parse_assertions), and its rule: C1 the number after the first confidence/confianza/certainty label that has one ("Confidence: 96%", "Confianza: 0,88", "Confidence (0-1): 0.8"), else C2 a number right before it ("90% confidence"). "8/10", "9 out of 10", "7 sobre 10", "3 de 5" are read on their scale; anything else is normalised by etl_parse_confidence. NULL (the rule says why): a negative value, a range ("60-70%"), more than its scale ("12/10"), a bare number on no stated scale ("7"). A bare number elsewhere is not a confidence.';

--
-- Name: etl_parse_text_detections(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_text_detections(p_tokens text[], OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
DECLARE
    -- The words the rules know and what each is; '?' kinds depend on the neighbouring words.
    c_kind CONSTANT jsonb := etl_parse_word_kinds();
    v_word text[] := p_tokens;
    -- What each token is: smoke/flame/heat, or its part in the rules (stop, comma, pre, either, ...).
    v_kind text[] := '{}';
    -- What each of smoke (1), flame (2), heat (3) was found to be; a positive mention wins.
    v_found boolean[] := ARRAY[NULL, NULL, NULL]::boolean[];
    -- A cue governing the next mentions: 'neg' (no, sin, without, ...) or 'neutral' (look for, whether).
    v_scope text;
    -- The scope has named a thing: from then on only list words ("," "or" "ni" "any") keep it open.
    v_listing boolean := false;
    v_gap integer := 0;
    -- The clause is an instruction echoed from the prompt ("Report smoke, flame and heat").
    v_clause_neutral boolean := false;
    -- Mentions not negated before them, waiting for a negation after them ("Smoke: not detected").
    v_pending integer[] := '{}';
    v_pending_neutral boolean[] := '{}';
    v_pending_gap integer := 0;
    v_verdict text;
    v_value boolean;
    v_before boolean;
    v_rule text[] := ARRAY[NULL, NULL, NULL]::text[];
    -- The words beside a '?' token, across a hyphen.
    v_prev_word text;
    v_next_word text;
    v_thing integer;
    v_next integer;
    -- The kind of the last token read (skips aside): "Smoke:" then a line end answers nothing.
    v_last text;
BEGIN
    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        v_kind[i] := coalesce(c_kind ->> v_word[i], 'word');
        IF left(v_kind[i], 1) = '?' THEN
            -- The neighbours across a hyphen: "fire-fighting", "smoke-detector", "heat-wave".
            v_next_word := CASE WHEN v_word[i + 1] = '-' THEN v_word[i + 2] ELSE v_word[i + 1] END;
            v_prev_word := CASE WHEN v_word[i - 1] = '-' THEN v_word[i - 2] ELSE v_word[i - 1] END;
            v_kind[i] := CASE v_kind[i]
                -- "fire risk", "risk of fire", "riesgo de incendio", "wildfire smoke": no flame seen.
                WHEN '?fire' THEN CASE
                    WHEN v_next_word IN (
                        'risk', 'risks', 'danger', 'hazard', 'hazards', 'weather', 'season', 'prone', 'detection',
                        'detector', 'warning', 'warnings', 'alert', 'alerts', 'monitoring', 'prevention', 'safety',
                        'department', 'station', 'fighters', 'fighter', 'fighting', 'truck', 'trucks', 'break',
                        'breaks', 'index', 'smoke', 'smokes', 'hydrant', 'hydrants', 'extinguisher', 'escape',
                        'exit', 'alarm', 'alarms', 'door', 'lane', 'tower', 'drill', 'brigade'
                    ) OR (
                        v_prev_word IN ('of', 'for', 'de', 'del')
                        AND v_word[i - 2] IN (
                            'risk', 'danger', 'threat', 'chance', 'likelihood', 'probability', 'possibility',
                            'prevention', 'detection', 'riesgo', 'peligro', 'amenaza', 'probabilidad', 'posibilidad',
                            'prevencion', 'deteccion', 'alerta', 'indice'
                        )
                    ) THEN 'word'
                    ELSE 'flame'
                END
                WHEN '?llama' THEN CASE WHEN v_prev_word = 'se' THEN 'word' ELSE 'flame' END
                -- "smoke detector", "thermal camera", "cámara térmica": the device, not the thing.
                WHEN '?smoke' THEN CASE
                    WHEN v_next_word IN ('detector', 'detectors', 'alarm', 'alarms', 'sensor', 'sensors') THEN 'word'
                    ELSE 'smoke'
                END
                WHEN '?thermal' THEN CASE
                    WHEN v_next_word IN (
                        'camera', 'cameras', 'sensor', 'sensors', 'channel', 'imaging', 'image', 'imagery', 'data',
                        'band', 'view', 'lens', 'feed'
                    ) THEN 'word'
                    ELSE 'heat'
                END
                WHEN '?termica' THEN
                    CASE WHEN v_prev_word IN ('camara', 'camaras', 'sensor', 'canal') THEN 'word' ELSE 'heat' END
                -- "Hace calor", "mucho calor": the weather.
                WHEN '?calor' THEN CASE
                    WHEN v_prev_word IN ('hace', 'mucho', 'poco', 'tanto') OR etl_parse_weather_near(v_word, i) THEN 'word'
                    ELSE 'heat'
                END
                -- "not evaluated", "no aplica", "sin datos": the model did not look; see the post-pass.
                WHEN '?unstated' THEN CASE
                    WHEN v_prev_word IN ('not', 'no', 'sin') THEN 'unknown' ELSE 'word'
                END
                -- "n/a", "N/D"; "Smoke: N" is no, "Humo: Y" is yes.
                WHEN '?n' THEN CASE
                    WHEN v_next_word = '/' THEN 'unknown'
                    WHEN v_prev_word IN (':', '=') THEN 'postneg'
                    ELSE 'word'
                END
                WHEN '?y' THEN CASE WHEN v_prev_word IN (':', '=') THEN 'postpos' ELSE 'list' END
                -- "Fire has been ruled out" (its doubt, "cannot be ruled out", is left out before).
                WHEN '?ruled' THEN CASE WHEN v_next_word = 'out' THEN 'postneg' ELSE 'word' END
                -- "heat wave", "summer heat", "heat is high in the afternoon": the weather.
                WHEN '?heat' THEN CASE
                    WHEN v_next_word IN ('wave', 'waves', 'haze', 'shimmer', 'index')
                        OR v_prev_word IN ('hot', 'summer', 'afternoon', 'ambient', 'midday')
                        OR etl_parse_weather_near(v_word, i) THEN 'word'
                    ELSE 'heat'
                END
                WHEN '?hot' THEN CASE WHEN v_next_word IN ('spot', 'spots') THEN 'heat' ELSE 'word' END
                WHEN '?caliente' THEN CASE
                    WHEN v_prev_word IN ('punto', 'puntos', 'zona', 'zonas', 'foco', 'focos') THEN 'heat' ELSE 'word'
                END
                -- "fog rather than smoke", "instead of flames", "en lugar de humo": not that thing.
                WHEN '?instead' THEN CASE WHEN v_next_word = 'of' THEN 'pre' ELSE 'contrast' END
                WHEN '?rather' THEN CASE WHEN v_next_word = 'than' THEN 'pre' ELSE 'word' END
                WHEN '?lugar' THEN CASE WHEN v_prev_word = 'en' AND v_next_word = 'de' THEN 'pre' ELSE 'word' END
                -- "free of smoke" before, "smoke-free" after.
                WHEN '?free' THEN CASE WHEN v_next_word IN ('of', 'de') THEN 'pre' ELSE 'postneg' END
                WHEN '?clear' THEN CASE WHEN v_next_word IN ('of', 'de') THEN 'pre' ELSE 'word' END
                -- Spanish "si hay humo" is "whether there is smoke"; "Humo: sí" is yes.
                WHEN '?si' THEN CASE
                    WHEN v_next_word IN ('hay', 'existe', 'existen', 'se', 'el', 'la', 'los', 'las') THEN 'neutral'
                    ELSE 'postpos'
                END
                -- A prompt's instruction opens its clause: "Report risk level, smoke, flame and heat."
                WHEN '?imperative' THEN CASE
                    WHEN v_prev_word IS NULL OR v_prev_word IN ('.', ';', '!', '?', '|', ':', E'\n') THEN 'imperative'
                    WHEN v_word[i] = 'detecta' THEN 'presence'
                    ELSE 'word'
                END
            END;
        END IF;
    END LOOP;

    -- Post-pass: what neighbours decide across several tokens (only questions, negations and
    -- values after a colon start one).
    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        CONTINUE WHEN v_kind[i] NOT IN ('question', 'either', 'pre') AND v_kind[i - 1] IS DISTINCT FROM 'colon';
        IF v_kind[i] = 'question' THEN
            -- "Any flames? None.", "Smoke? Yes, thin.", "Q: ... smoke? A: No", "¿Hay humo? Sí": the answer
            -- after the question mark settles what the question named; no answer settles nothing.
            v_next := i + 1;
            WHILE v_word[v_next] IN ('a', 'answer', 'respuesta', 'r', ':', '-', E'\n') LOOP
                v_next := v_next + 1;
            END LOOP;
            v_kind[i] := CASE
                WHEN v_word[v_next] IN (
                    'yes', 'si', 'y', 'yeah', 'yep', 'true', 'present', 'detected', 'visible', 'visibles', 'presente',
                    'detectado', 'detectada', 'confirmed', 'positive', 'positivo'
                ) THEN 'q_yes'
                WHEN v_word[v_next] IN (
                    'no', 'none', 'nope', 'nothing', 'ninguno', 'ninguna', 'nada', 'false', 'n', 'negative',
                    'negativo', 'absent', 'ausente'
                ) OR (v_word[v_next] = 'not' AND v_kind[v_next + 1] = 'presence') THEN 'q_no'
                ELSE 'q_none'
            END;
            -- A bare answer ("No.", "Yes, on the left") has said its part; "No smoke" still reads on.
            IF v_kind[i] <> 'q_none' AND (v_kind[v_next + 1] IS NULL
                OR v_kind[v_next + 1] IN ('stop', 'comma', 'question', 'presence', 'contrast')) THEN
                FOR j IN i + 1..v_next LOOP
                    v_kind[j] := 'skip';
                END LOOP;
                IF v_kind[v_next + 1] = 'presence' THEN
                    v_kind[v_next + 1] := 'skip';
                END IF;
            END IF;
        ELSIF v_word[i] IN ('not', 'no') AND (v_word[i + 1] IN ('true', 'cierto', 'verdad')
            OR v_word[i + 1] IN ('es', 'is') AND v_word[i + 2] IN ('true', 'cierto', 'verdad')) THEN
            -- "It is not true that there is no smoke", "No es cierto que no haya humo": the next
            -- negation in the sentence is taken back.
            v_kind[i] := 'skip';
            v_kind[i + 1] := 'skip';
            v_kind[i + 2] := CASE WHEN v_word[i + 1] IN ('es', 'is') THEN 'skip' ELSE v_kind[i + 2] END;
            FOR j IN i + 2..i + 12 LOOP
                EXIT WHEN v_kind[j] IS NULL OR v_kind[j] IN ('stop', 'question');
                IF v_kind[j] IN ('either', 'pre') THEN
                    v_kind[j] := 'skip';
                    EXIT;
                END IF;
            END LOOP;
        ELSIF v_kind[i] IN ('either', 'pre') AND v_kind[i + 1] = 'unknown' THEN
            v_kind[i] := 'skip';  -- "not evaluated", "no determinado", "sin datos"
        ELSIF v_kind[i] = 'either' AND v_word[i] IN ('not', 'no') AND v_kind[i + 1] = 'postneg' THEN
            -- "Smoke is not absent": a double negation states it.
            v_kind[i] := 'skip';
            v_kind[i + 1] := 'postpos';
        ELSIF v_word[i] ~ '^[0-9]' AND v_kind[i - 1] = 'colon' THEN
            -- A number for a thing ("Smoke: 0", "Flames: 1", "Probability of smoke: 0%"): 0 is no, 1 or
            -- 100% yes, any other is a probability, not a detection.
            v_kind[i] := CASE
                WHEN v_word[i] ~ '^0+([.,]0+)?$' THEN 'postneg'
                WHEN v_word[i] ~ '^1([.,]0+)?$' OR (v_word[i] = '100' AND v_word[i + 1] = '%') THEN 'postpos'
                ELSE 'unknown'
            END;
        END IF;
    END LOOP;

    FOR i IN 1..coalesce(array_length(v_word, 1), 0) LOOP
        CONTINUE WHEN v_kind[i] = 'skip';
        -- First: does this token settle the pending mentions?
        v_verdict := NULL;
        IF v_kind[i] IN ('stop', 'unknown', 'drop', 'q_none', 'q_yes', 'q_no') THEN
            v_verdict := CASE
                WHEN v_kind[i] = 'q_yes' THEN 'answer_yes'
                WHEN v_kind[i] = 'q_no' THEN 'answer_no'
                -- "Smoke: --" (a field left empty), "Smoke: unknown", "what looks like smoke is
                -- actually fog", a question left unanswered: nothing said.
                WHEN v_kind[i] <> 'stop' OR v_last = 'colon' THEN 'drop'
                ELSE 'pos'
            END;
        ELSIF v_kind[i] IN ('contrast', 'pre', 'neutral') THEN
            v_verdict := 'pos';
        ELSIF v_kind[i] = 'comma' THEN
            IF v_kind[i + 1] IS NULL OR v_kind[i + 1] NOT IN ('smoke', 'flame', 'heat', 'list') THEN
                v_verdict := 'pos';
            END IF;
        ELSIF v_kind[i] IN ('smoke', 'flame', 'heat') THEN
            IF v_pending_gap > 0 THEN
                v_verdict := 'pos';
            END IF;
        ELSIF v_kind[i] = 'either' THEN
            -- A thing ahead in the same clause makes it a negation before that thing.
            v_before := false;
            FOR j IN i + 1..i + 5 LOOP
                EXIT WHEN v_kind[j] IS NULL OR v_kind[j] IN ('stop', 'comma', 'colon', 'contrast', 'question', 'q_yes', 'q_no', 'q_none');
                IF v_kind[j] IN ('smoke', 'flame', 'heat') THEN
                    v_before := true;
                    EXIT;
                END IF;
            END LOOP;
            IF v_before THEN
                v_verdict := 'pos';
            ELSIF v_word[i] NOT IN ('no', 'not')
                OR v_kind[i + 1] IS NULL
                OR v_kind[i + 1] IN ('stop', 'comma', 'colon', 'contrast', 'presence')
                OR v_kind[i + 2] = 'presence' THEN
                -- "Smoke: none", "Flames: no.", "smoke is not visible"; not "smoke is not dense".
                v_verdict := 'neg';
            END IF;
        ELSIF v_kind[i] = 'postneg' THEN
            v_verdict := 'neg';
        ELSIF v_kind[i] = 'postpos' THEN
            v_verdict := 'yes';
        ELSIF v_kind[i] <> 'colon' AND v_kind[i] <> 'list' AND v_pending <> '{}' THEN
            v_pending_gap := v_pending_gap + 1;
            IF v_pending_gap >= 4 THEN
                v_verdict := 'pos';
            END IF;
        END IF;
        IF v_verdict IS NOT NULL THEN
            FOR j IN 1..coalesce(array_length(v_pending, 1), 0) LOOP
                v_value := CASE v_verdict
                    WHEN 'neg' THEN false
                    WHEN 'answer_no' THEN false
                    WHEN 'yes' THEN true
                    WHEN 'answer_yes' THEN true
                    WHEN 'pos' THEN CASE WHEN NOT v_pending_neutral[j] THEN true END
                END;
                -- A positive mention wins over a negated one; the rule says what settled the value.
                IF v_value AND v_found[v_pending[j]] IS NOT TRUE OR NOT v_value AND v_found[v_pending[j]] IS NULL THEN
                    v_found[v_pending[j]] := v_value;
                    v_rule[v_pending[j]] := CASE v_verdict
                        WHEN 'pos' THEN 'D1 named'
                        WHEN 'answer_yes' THEN 'D4 question answered yes'
                        WHEN 'answer_no' THEN 'D4 question answered no'
                        WHEN 'yes' THEN 'D3 answered yes after it'
                        ELSE 'D3 denied after it'
                    END;
                END IF;
            END LOOP;
            v_pending := '{}';
            v_pending_neutral := '{}';
            v_pending_gap := 0;
        END IF;

        -- Then: the token's own meaning.
        IF v_kind[i] IN ('smoke', 'flame', 'heat') THEN
            IF v_scope = 'neg' THEN
                v_thing := array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i]);
                IF v_found[v_thing] IS NULL THEN
                    v_found[v_thing] := false;
                    v_rule[v_thing] := 'D2 denied before it';
                END IF;
            ELSE
                v_pending := v_pending || array_position(ARRAY['smoke', 'flame', 'heat'], v_kind[i]);
                v_pending_neutral := v_pending_neutral || (coalesce(v_scope = 'neutral', false) OR v_clause_neutral);
            END IF;
            v_listing := v_scope IS NOT NULL;
        ELSIF v_kind[i] IN ('stop', 'contrast', 'colon', 'q_yes', 'q_no', 'q_none', 'unknown', 'drop') THEN
            v_scope := NULL;
            v_clause_neutral := false;
        ELSIF v_kind[i] = 'comma' THEN
            IF NOT v_listing OR v_kind[i + 1] IS NULL OR v_kind[i + 1] NOT IN ('smoke', 'flame', 'heat', 'list', 'pre') THEN
                v_scope := NULL;
            END IF;
        ELSIF v_kind[i] = 'pre' OR (v_kind[i] = 'either' AND v_verdict = 'pos') THEN
            v_scope := 'neg';
            v_listing := false;
            v_gap := 0;
        ELSIF v_kind[i] = 'neutral' THEN
            v_scope := 'neutral';
            v_listing := false;
            v_gap := 0;
        ELSIF v_kind[i] = 'list' THEN
            v_gap := v_gap + 1;
        ELSIF v_scope IS NOT NULL THEN
            -- Any other word: ends a list; before the first thing a negation reaches 5 words, and
            -- "look for"/"whether" reach only "there is"/"hay".
            IF v_kind[i] = 'imperative' THEN
                v_clause_neutral := true;
            END IF;
            v_gap := v_gap + 1;
            IF v_listing OR v_gap > 5
                OR (v_scope = 'neutral' AND v_word[i] NOT IN ('there', 'is', 'are', 'was', 'were', 'hay', 'existe', 'existen'))
            THEN
                v_scope := NULL;
            END IF;
        ELSIF v_kind[i] = 'imperative' THEN
            v_clause_neutral := true;
        END IF;
        IF v_scope IS NULL THEN
            v_listing := false;
        END IF;
        v_last := v_kind[i];
    END LOOP;
    -- Mentions still pending at the end stand as said, unless their field was left empty ("Flames: --").
    FOR j IN 1..coalesce(array_length(v_pending, 1), 0) LOOP
        IF NOT v_pending_neutral[j] AND v_last IS DISTINCT FROM 'colon' AND v_found[v_pending[j]] IS NOT TRUE THEN
            v_found[v_pending[j]] := true;
            v_rule[v_pending[j]] := 'D1 named';
        END IF;
    END LOOP;
    smoke_detected := v_found[1];
    flame_detected := v_found[2];
    heat_signature_detected := v_found[3];
    smoke_rule := v_rule[1];
    flame_rule := v_rule[2];
    heat_rule := v_rule[3];
END
$_$;

--
-- Name: FUNCTION etl_parse_text_detections(p_tokens text[], OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_text_detections(p_tokens text[], OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text) IS 'Smoke, flame and heat-signature detections from the asserted tokens of a free-text response (etl_parse_assertions: hedged, hypothetical and earlier-frame segments are already gone), each with the rule that settled it. Words: smoke/humo (not "smoke detector"); flame(s)/fire/wildfire/blaze/llama(s)/fuego/incendio, except in "fire risk", "risk of fire", "fire truck", "riesgo de incendio", "se llama"; heat/thermal/hot spot/calor/térmica (not "thermal camera", "heat wave", "hace calor"). D1 named: a mention stands as a detection. D2 denied before it: no, not, without, neither/nor, none, sin, ni, ningún, reaching over a list ("No smoke, flames or heat signatures") but not past a contrast, a sentence end or a comma that starts a new phrase. D3 answered after it: "Smoke: none", "flames are not visible", "humo: no", "Smoke: N", "Smoke: 0", "ruled out", "humo descartado" (false), "Heat: yes", "Flames: 1", "smoke is not absent" (true). D4 a question answered: "Any flames? None.", "¿Hay humo? Sí". No value: an answer that says nothing ("unknown", "n/a", "not evaluated", "sin datos", a probability such as "40%", an empty "Smoke: --"), a question left unanswered, a mention taken back ("what looks like smoke is actually fog"), an echoed instruction ("Report ... smoke, flame and heat") or "look for", "si hay" unless answered. "It is not true that there is no smoke" takes its negation back. A positive mention beats a negated one ("no smoke on the left, heavy smoke on the right"). A thing never mentioned is NULL, never false.';

--
-- Name: etl_parse_text_risk_level(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_text_risk_level(p_tokens text[], OUT risk_level text, OUT rule text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    c_level CONSTANT text[] := ARRAY[
        'critical', 'extreme', 'severe', 'high', 'elevated', 'medium', 'moderate', 'low', 'minimal', 'zero',
        'none', 'critico', 'critica', 'extremo', 'extrema', 'alto', 'alta', 'elevado', 'elevada', 'moderado',
        'moderada', 'medio', 'media', 'bajo', 'baja', 'nulo', 'nula', 'ninguno', 'cero'
    ];
    c_negation CONSTANT text[] := ARRAY['no', 'not', 'never', 'nor', 'ni', 'nunca', 'neither', 'hardly'];
    c_break CONSTANT text[] := ARRAY['.', ';', ',', '!', '?', '|', E'\n', ':'];
    c_fire CONSTANT text[] := ARRAY[
        'fire', 'fires', 'wildfire', 'wildfires', 'burning', 'ignition', 'spread', 'incendio', 'incendios',
        'fuego', 'propagacion', 'ignicion'
    ];
    v_label integer;
    v_next integer;
    v_found integer;
    v_after integer;
    v_word text;
BEGIN
    -- R1 label: a level right after a risk label: "Risk level: none", "Nivel de riesgo: ALTO",
    --    "the risk of fire is high", "**Risk:** Moderate", "Risk: 4/5 (high)", "Risk level? Low".
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'risk') || array_positions(p_tokens, 'riesgo')
        || array_positions(p_tokens, 'peligro') || array_positions(p_tokens, 'danger')
        || array_positions(p_tokens, 'nivel')
    LOOP
        CONTINUE WHEN p_tokens[v_label] = 'nivel' AND p_tokens[v_label + 1] IS DISTINCT FROM ':';
        CONTINUE WHEN v_found IS NOT NULL AND v_found < v_label;
        -- Another danger than fire: "weather danger", "risk of rain", "riesgo de accidente".
        CONTINUE WHEN p_tokens[v_label - 1] IN (
            'weather', 'road', 'traffic', 'flood', 'flooding', 'health', 'accident', 'electrical', 'security',
            'collision', 'storm'
        ) OR etl_parse_risk_of_other(p_tokens, v_label);
        -- A denied one: "no hay indicios de un riesgo crítico".
        CONTINUE WHEN etl_parse_risk_denied(p_tokens, v_label);
        v_next := v_label + 1;
        WHILE v_next <= v_label + 10 AND (p_tokens[v_next] IN (
            ':', '?', '-', '=', '(', ')', 'level', 'levels', 'assessment', 'rating', 'category', 'score', 'of',
            'for', 'a', 'the', 'fire', 'fires', 'wildfire', 'wildfires', 'de', 'del', 'el', 'la', 'incendio',
            'incendios', 'fuego', 'forestal', 'forestales', 'is', 'es', 'was', 'be', 'seems', 'appears',
            'remains', 'considered', 'assessed', 'estimated', 'rated', 'as', 'at', 'se', 'considera', 'muy',
            'very', 'currently', 'current', 'now', 'today', 'actualmente', 'actual', 'ahora', 'hoy', 'overall',
            'general'
        -- "seems to be high"; not "raise the risk to high"
        ) OR p_tokens[v_next] = 'to' AND p_tokens[v_next + 1] = 'be') LOOP
            v_next := v_next + 1;
        END LOOP;
        -- A score before the word: "4/5 (high)", "2/10 - low", "8 de 10 (alto)"; a score alone is no level.
        IF p_tokens[v_next] ~ '^[0-9]' THEN
            v_next := v_next + CASE
                WHEN p_tokens[v_next + 1] IN ('/', 'of', 'de', 'sobre') THEN 3
                WHEN p_tokens[v_next + 1] = 'out' THEN 4
                ELSE 1
            END;
            WHILE p_tokens[v_next] IN ('-', ':', '=', '(') LOOP
                v_next := v_next + 1;
            END LOOP;
        END IF;
        v_word := NULL;
        IF p_tokens[v_next] IN ('no', 'sin') THEN
            -- "Risk: no risk", "riesgo: no." but not "Risk: no smoke"
            v_word := CASE
                WHEN p_tokens[v_next + 1] IS NULL
                    OR p_tokens[v_next + 1] IN ('risk', 'riesgo', '.', ';', '!', '?', '|', ',', E'\n') THEN 'none'
            END;
            -- "Risk is not critical but medium", "no es crítico sino moderado": the level after the contrast.
            IF v_word IS NULL AND p_tokens[v_next + 1] = 'es' THEN
                v_next := v_next + 1;
            END IF;
            IF v_word IS NULL AND p_tokens[v_next + 1] = ANY(c_level)
                AND p_tokens[v_next + 2] IN ('but', 'sino', 'pero') AND p_tokens[v_next + 3] = ANY(c_level) THEN
                v_word := etl_parse_risk_level(p_tokens[v_next + 3]);
            END IF;
        ELSIF p_tokens[v_next] = 'not' THEN
            IF p_tokens[v_next + 1] = ANY(c_level)
                AND p_tokens[v_next + 2] IN ('but', 'sino', 'pero') AND p_tokens[v_next + 3] = ANY(c_level) THEN
                v_word := etl_parse_risk_level(p_tokens[v_next + 3]);
            END IF;
        ELSE
            -- A range is no level: "medium to high", "moderate-to-high", "bajo o medio".
            v_after := v_next + 1;
            WHILE v_after <= v_next + 3 AND p_tokens[v_after] IN ('to', 'or', 'y', 'o', 'a', '-', '/', 'and') LOOP
                v_after := v_after + 1;
            END LOOP;
            IF v_after = v_next + 1 OR p_tokens[v_after] IS NULL OR NOT p_tokens[v_after] = ANY(c_level) THEN
                v_word := etl_parse_risk_level(p_tokens[v_next]);
            END IF;
        END IF;
        IF v_word IS NOT NULL THEN
            v_found := v_label;
            risk_level := v_word;
            rule := 'R1 level after a risk label';
        END IF;
    END LOOP;
    IF risk_level IS NOT NULL THEN
        RETURN;
    END IF;
    -- R2 before: a level before "risk"/"riesgo": "low risk", "HIGH RISK", "no immediate wildfire risk",
    --    "alto riesgo", "sin riesgo", "no hay riesgo"; not a denied one ("not a high risk").
    FOREACH v_label IN ARRAY array_positions(p_tokens, 'risk') || array_positions(p_tokens, 'riesgo') LOOP
        CONTINUE WHEN etl_parse_risk_of_other(p_tokens, v_label);
        v_next := v_label - 1;
        WHILE v_next >= v_label - 3 AND p_tokens[v_next] IN (
            'immediate', 'significant', 'apparent', 'real', 'major', 'serious', 'visible', 'current', 'fire',
            'wildfire', 'inmediato', 'aparente', 'significativo', 'hay', 'existe', 'ningun', '-'
        ) LOOP
            v_next := v_next - 1;
        END LOOP;
        CONTINUE WHEN p_tokens[v_next] NOT IN (
            'critical', 'extreme', 'severe', 'high', 'elevated', 'medium', 'moderate', 'low', 'minimal', 'no',
            'critico', 'alto', 'elevado', 'moderado', 'medio', 'bajo', 'sin'
        ) OR (v_found IS NOT NULL AND v_found < v_next);
        CONTINUE WHEN p_tokens[v_next] NOT IN ('no', 'sin') AND etl_parse_risk_denied(p_tokens, v_next);
        -- "no risk" is none, but "no hay riesgo alto" denies a level and "no risk level given" a label.
        CONTINUE WHEN p_tokens[v_next] IN ('no', 'sin') AND coalesce(
            p_tokens[v_label + 1] = ANY(c_level) OR p_tokens[v_label + 1] IN (
                'level', 'levels', 'assessment', 'rating', 'score', 'information', 'info', 'data', 'nivel',
                'evaluation', 'estimate', 'category', 'muy', 'very'
            ), false);
        CONTINUE WHEN coalesce(p_tokens[v_next - 1] IN ('to', 'or', 'y', 'o', 'a', '-', '/')
            AND p_tokens[v_next - 2] = ANY(c_level), false);
        v_found := v_next;
        risk_level := CASE WHEN p_tokens[v_next] IN ('no', 'sin') THEN 'none' ELSE etl_parse_risk_level(p_tokens[v_next]) END;
        rule := 'R2 level before "risk"';
    END LOOP;
    IF risk_level IS NOT NULL THEN
        RETURN;
    END IF;
    -- R3 heading: a response that opens with its level: "CRITICAL: active flames ...".
    IF p_tokens[1] IN (
        'critical', 'critico', 'critica', 'extreme', 'extremo', 'extrema', 'high', 'alto', 'alta', 'medium',
        'moderate', 'moderado', 'moderada', 'medio', 'media', 'low', 'bajo', 'baja'
    ) AND (p_tokens[2] IS NULL OR p_tokens[2] IN (':', '!', '.', '|', E'\n')) THEN
        risk_level := etl_parse_risk_level(p_tokens[1]);
        rule := 'R3 level as the heading';
    END IF;
END
$$;

--
-- Name: FUNCTION etl_parse_text_risk_level(p_tokens text[], OUT risk_level text, OUT rule text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_text_risk_level(p_tokens text[], OUT risk_level text, OUT rule text) IS 'Risk level from the asserted tokens of a free-text response (etl_parse_assertions), and its rule: R1 a level right after a risk/riesgo/peligro/danger/"nivel:" label (over words like "level", "of fire", "is", "current", "muy", "?" and a score such as "4/5"); R2 a level right before "risk"/"riesgo" ("low risk", "no risk", "sin riesgo"); R3 a level opening the response ("CRITICAL: ..."). No level: a label for another danger (weather, road, "risk of rain", "riesgo de accidente"), a denied level ("not a high risk", "no hay indicios de un riesgo crítico"; but "not critical but medium" is medium), a range ("medium to high"), a score alone ("3 of 5"), a level word anywhere else ("low clouds"): NULL.';

--
-- Name: etl_parse_tokens(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_tokens(p_response text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
    -- plpgsql, not sql: a SQL function with a subquery is not inlined and costs twice as much.
    RETURN ARRAY(
        SELECT m.token[1]
        FROM regexp_matches(
            regexp_replace(
                regexp_replace(etl_parse_fold(p_response), 'n''t\M', ' not', 'g'), '\mcannot\M', 'can not', 'g'
            ),
            '([0-9]+(?:[.,][0-9]+)?(?:e[+-]?[0-9]+)?|[a-z]+|[.;:,!?|%/=()\n-])',
            'g'
        ) WITH ORDINALITY AS m (token, n)
        ORDER BY m.n
    );
END
$$;

--
-- Name: FUNCTION etl_parse_tokens(p_response text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_tokens(p_response text) IS 'Splits a folded response (etl_parse_fold) into tokens: words, numbers with their decimal point or comma and exponent ("0.91", "0,87", "1e5"), and the punctuation the rules use (. ; : , ! ? | % / = - ( ) and line ends: "-" tells "-0.2" and "60-70%" from a number, brackets close an aside); "don''t" and "cannot" become "do not", "can not". Other characters (quotes, *, #, [ ], { }) are dropped, so Markdown and JSON-like text read as plain words.';

--
-- Name: etl_parse_weather_near(text[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_weather_near(p_tokens text[], p_at integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
    -- Element by element: a slice of a large array would copy it whole on every call.
    FOR i IN p_at + 1..p_at + 5 LOOP
        IF p_tokens[i] IN (
            'afternoon', 'weather', 'temperature', 'temperatures', 'summer', 'sunny', 'ambient', 'degrees',
            'celsius', 'temperatura', 'verano', 'clima', 'grados'
        ) THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

--
-- Name: FUNCTION etl_parse_weather_near(p_tokens text[], p_at integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_weather_near(p_tokens text[], p_at integer) IS 'True when one of the five tokens after p_at is a weather word (afternoon, weather, temperature, summer, degrees, temperatura, clima, ...): etl_parse_text_detections then reads "heat" there as the weather, not a heat signature.';

--
-- Name: etl_parse_word_kinds(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_parse_word_kinds() RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT '{
        "smoke": "?smoke", "smokes": "?smoke", "humo": "smoke", "humos": "smoke", "humareda": "smoke",
        "flame": "flame", "flames": "flame", "blaze": "flame",
        "fire": "?fire", "fires": "?fire", "wildfire": "?fire", "wildfires": "?fire", "incendio": "?fire",
        "incendios": "?fire", "fuego": "?fire", "fuegos": "?fire",
        "llama": "?llama", "llamas": "?llama",
        "thermal": "?thermal", "calor": "?calor", "termica": "?termica", "termicas": "?termica",
        "termico": "?termica", "termicos": "?termica", "hotspot": "heat", "hotspots": "heat",
        "heat": "?heat",
        "hot": "?hot",
        "caliente": "?caliente", "calientes": "?caliente",
        ".": "stop", ";": "stop", "!": "stop", "?": "question", "|": "stop", "\n": "stop",
        ",": "comma",
        ":": "colon", "=": "colon", "-": "skip", "(": "skip", ")": "skip",
        "unknown": "unknown", "undetermined": "unknown", "indeterminate": "unknown", "unavailable": "unknown",
        "unclear": "unknown", "desconocido": "unknown", "desconocida": "unknown", "indeterminado": "unknown",
        "indeterminada": "unknown", "na": "unknown",
        "evaluated": "?unstated", "assessed": "?unstated", "applicable": "?unstated", "available": "?unstated",
        "determined": "?unstated", "checked": "?unstated", "evaluado": "?unstated", "evaluada": "?unstated",
        "determinado": "?unstated", "determinada": "?unstated", "aplica": "?unstated",
        "disponible": "?unstated", "datos": "?unstated",
        "n": "?n", "actually": "drop", "realidad": "drop", "realmente": "drop",
        "but": "contrast", "however": "contrast", "although": "contrast", "though": "contrast",
        "whereas": "contrast", "while": "contrast", "except": "contrast", "pero": "contrast",
        "aunque": "contrast", "sino": "contrast", "embargo": "contrast", "excepto": "contrast",
        "salvo": "contrast", "mientras": "contrast",
        "instead": "?instead",
        "rather": "?rather",
        "lugar": "?lugar", "vez": "?lugar",
        "free": "?free", "libre": "?free",
        "clear": "?clear", "libres": "?clear", "exento": "?clear", "exenta": "?clear",
        "without": "pre", "neither": "pre", "nor": "pre", "never": "pre", "sin": "pre", "ni": "pre",
        "tampoco": "pre", "nunca": "pre", "nothing": "pre", "zero": "pre", "descarta": "pre", "descartan": "pre",
        "descartado": "postneg", "descartada": "postneg", "ruled": "?ruled", "absence": "pre", "ausencia": "pre", "lack": "pre",
        "no": "either", "not": "either", "none": "either", "ningun": "either", "ninguna": "either",
        "ninguno": "either", "nada": "either",
        "absent": "postneg", "ausente": "postneg", "ausentes": "postneg", "false": "postneg",
        "falso": "postneg", "negative": "postneg", "negativo": "postneg",
        "si": "?si",
        "yes": "postpos", "true": "postpos", "verdadero": "postpos", "positive": "postpos",
        "positivo": "postpos",
        "for": "neutral", "whether": "neutral", "buscar": "neutral", "busca": "neutral", "buscando": "neutral",
        "analyze": "?imperative", "analyse": "?imperative", "report": "?imperative", "describe": "?imperative",
        "identify": "?imperative", "detect": "?imperative", "determine": "?imperative",
        "assess": "?imperative", "evaluate": "?imperative", "check": "?imperative", "look": "?imperative",
        "indicate": "?imperative", "provide": "?imperative", "return": "?imperative", "respond": "?imperative",
        "answer": "?imperative", "state": "?imperative", "analiza": "?imperative", "analice": "?imperative",
        "analizar": "?imperative", "reporta": "?imperative", "reporte": "?imperative",
        "identifica": "?imperative", "identifique": "?imperative", "detecta": "?imperative",
        "detecte": "?imperative", "determina": "?imperative", "evalua": "?imperative", "evalue": "?imperative",
        "indica": "?imperative", "indique": "?imperative", "proporciona": "?imperative",
        "responde": "?imperative", "responda": "?imperative",
        "and": "list", "or": "list", "y": "?y", "o": "list", "e": "list", "u": "list", "any": "list",
        "other": "list", "signs": "list", "sign": "list", "signature": "list", "signatures": "list",
        "firma": "list", "firmas": "list", "spot": "list", "spots": "list", "evidence": "list",
        "trace": "list", "traces": "list", "indication": "list", "indications": "list", "indicio": "list",
        "indicios": "list", "senal": "list", "senales": "list", "signo": "list", "signos": "list",
        "rastro": "list", "rastros": "list", "anomaly": "list", "anomalies": "list", "anomalia": "list",
        "anomalias": "list", "column": "list", "columns": "list", "columna": "list", "columnas": "list",
        "plume": "list", "plumes": "list", "of": "list", "de": "list", "del": "list", "la": "list",
        "las": "list", "el": "list", "los": "list", "un": "list", "una": "list", "the": "list", "a": "list",
        "an": "list", "active": "list", "activa": "list", "activas": "list", "activo": "list",
        "activos": "list",
        "visible": "presence", "visibles": "presence", "present": "presence", "presente": "presence",
        "presentes": "presence", "detected": "presence", "detectado": "presence", "detectada": "presence",
        "detectados": "presence", "detectadas": "presence", "seen": "presence", "observed": "presence",
        "observado": "presence", "observada": "presence", "observados": "presence", "observadas": "presence",
        "apparent": "presence", "evident": "presence", "found": "presence", "identified": "presence",
        "detectable": "presence", "observable": "presence", "shown": "presence", "noted": "presence",
        "obvious": "presence", "spotted": "presence", "perceptible": "presence", "perceptibles": "presence",
        "apreciable": "presence", "apreciables": "presence", "aprecia": "presence", "aprecian": "presence",
        "observa": "presence", "observan": "presence", "detectan": "presence", "ve": "presence",
        "ven": "presence"
    }'::jsonb
$$;

--
-- Name: FUNCTION etl_parse_word_kinds(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_parse_word_kinds() IS 'The word table of etl_parse_text_detections (folded words, etl_parse_fold): smoke, flame, heat; stop, comma, colon, question, contrast; pre (a negation before: without, sin, ni), either (no, not, none: before or after), postneg/postpos (an answer after: absent, false / yes, true), unknown (unknown, n/a), drop (actually), list (words a negation reaches over: and, or, signs of), presence (visible, detected), neutral, skip; "?" kinds depend on the neighbouring words.';

--
-- Name: etl_prune_queue(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_prune_queue(p_limit integer DEFAULT NULL::integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_cutoff timestamptz := now() - public.etl_setting('queue_retention')::interval;
    v_count integer;
BEGIN
    -- Oldest first through the partial index on completed_at; failed and skipped items stay, they
    -- wait for a person (`sai-etl retry`).
    DELETE FROM public.etl_processing_queue AS q
    WHERE q.id IN (
        SELECT c.id FROM public.etl_processing_queue AS c
        WHERE c.status = 'completed' AND c.completed_at < v_cutoff
        ORDER BY c.completed_at
        LIMIT coalesce(p_limit, public.etl_setting('prune_batch')::integer)
        FOR UPDATE SKIP LOCKED
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;

    INSERT INTO public.etl_maintenance AS m (job, last_started_at, last_finished_at, last_count, total_count, runs)
    VALUES ('prune_queue', v_started, clock_timestamp(), v_count, v_count, 1)
    ON CONFLICT (job) DO UPDATE SET
        last_started_at = excluded.last_started_at,
        last_finished_at = excluded.last_finished_at,
        last_count = excluded.last_count,
        total_count = m.total_count + excluded.last_count,
        runs = m.runs + 1;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_prune_queue(p_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_prune_queue(p_limit integer) IS 'Deletes completed queue items whose completed_at is older than the queue_retention setting, oldest first, at most p_limit (default setting prune_batch) per call; failed and skipped items are kept. Records the run in etl_maintenance (job prune_queue). Returns how many it deleted.';

--
-- Name: etl_reap_expired_leases(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_reap_expired_leases() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = CASE WHEN q.attempts >= q.max_attempts AND NOT q.rerun THEN 'failed' ELSE 'pending' END,
        completed_at = CASE WHEN q.attempts >= q.max_attempts AND NOT q.rerun THEN now() END,
        -- Fresher facts arrived during the dead claim (etl_ingest_execution): they get their own tries.
        attempts = CASE WHEN q.rerun THEN 0 ELSE q.attempts END,
        rerun = false,
        extraction_pending = false,
        next_attempt_at = now(),
        claim_token = NULL,
        locked_until = NULL,
        last_error = format('lease expired while %s held it', q.claimed_by)
    WHERE q.id IN (
        SELECT e.id FROM public.etl_processing_queue AS e
        WHERE e.status = 'processing' AND e.locked_until < now()
        FOR UPDATE SKIP LOCKED
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_reap_expired_leases(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_reap_expired_leases() IS 'Returns items whose lease ran out (their runner crashed or hung) to pending at once, or to failed when that claim was their last attempt (an item that kills its runner cannot loop forever). The dead claim''s token is void: a late complete/fail from it is refused.';

--
-- Name: etl_reconcile(interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_reconcile(p_window interval DEFAULT NULL::interval) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_window interval := coalesce(p_window, public.etl_setting('reconcile_window')::interval);
    v_settle interval := public.etl_setting('reconcile_settle')::interval;
    v_batch integer := public.etl_setting('backfill_batch')::integer;
    v_watched text[] := ARRAY(SELECT workflow_id FROM n8n.watched_workflows);
    v_mark bigint;
    v_after bigint;
    v_open bigint;
    v_settled bigint;
    v_total integer := 0;
    v_step record;
BEGIN
    -- One reconcile at a time moves the mark.
    SELECT checked_through INTO v_mark FROM public.etl_reconcile_mark FOR UPDATE;
    IF NOT FOUND THEN
        -- First run: start where the window starts, not at n8n's first execution (a backfill is
        -- never automatic). A backward scan of n8n's primary key to the first older execution.
        SELECT coalesce(max(e.id), 0) INTO v_mark
        FROM n8n.execution_entity AS e
        WHERE e."createdAt" < now() - v_window;
        -- Durable at once: a crash that lost it would start the mark again from the window.
        PERFORM set_config('synchronous_commit', 'on', true);
        INSERT INTO public.etl_reconcile_mark (checked_through) VALUES (v_mark);
    END IF;

    -- An explicit window (sai-etl sweep --window) looks back by time as well.
    IF p_window IS NOT NULL THEN
        v_after := 0;
        LOOP
            v_step := public.etl_ingest_from_n8n(now() - p_window, v_after, v_batch, 'reconcile', 1);
            v_total := v_total + v_step.ingested;
            EXIT WHEN v_step.scanned < v_batch;
            v_after := v_step.last_id;
        END LOOP;
    END IF;

    -- Everything above the mark, however old: a range of n8n's primary key, never its whole table.
    v_after := v_mark;
    LOOP
        v_step := public.etl_ingest_from_n8n('-infinity', v_after, v_batch, 'reconcile', 1);
        v_total := v_total + v_step.ingested;
        EXIT WHEN v_step.scanned < v_batch;
        v_after := v_step.last_id;
    END LOOP;

    -- The mark moves up to the first watched execution still unfinished, and never past an id
    -- younger than reconcile_settle (a concurrent insert of a lower id may not be visible yet).
    SELECT min(e.id) INTO v_open
    FROM n8n.execution_entity AS e
    WHERE e.id > v_mark
      AND e."workflowId" = ANY (v_watched)
      AND e.status NOT IN ('success', 'error', 'crashed', 'canceled')
      AND e."deletedAt" IS NULL;
    SELECT max(e.id) INTO v_settled
    FROM n8n.execution_entity AS e
    WHERE e.id > v_mark AND e."createdAt" < now() - v_settle;
    -- least() skips a NULL: no unfinished execution leaves only the settle bound.
    IF least(v_open - 1, v_settled) > v_mark AND v_settled IS NOT NULL THEN
        -- Durable before it counts: this commit flushes the WAL of every ingest it vouches for
        -- (the Stage 1 link commits asynchronously).
        PERFORM set_config('synchronous_commit', 'on', true);
        UPDATE public.etl_reconcile_mark
        SET checked_through = least(v_open - 1, v_settled), updated_at = now();
    END IF;
    RETURN v_total;
END
$$;

--
-- Name: FUNCTION etl_reconcile(p_window interval); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_reconcile(p_window interval) IS 'Records every finished execution of a watched workflow that the dashboard lacks, however Stage 1 missed it and however old: all n8n ids above the high-water mark etl_reconcile_mark (a range of n8n''s primary key), then moves the mark up to the first watched execution still unfinished or younger than setting reconcile_settle. The first run starts the mark at setting reconcile_window; p_window given also looks back that far by stoppedAt. Returns how many it added.';

--
-- Name: etl_record_image_store(text, text, bigint, bigint, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_record_image_store(p_host text, p_root text, p_free_bytes bigint, p_total_bytes bigint, p_used_bytes bigint DEFAULT NULL::bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_measured timestamptz;
BEGIN
    INSERT INTO public.etl_image_stores AS s
        (host, root, measured_at, free_bytes, total_bytes, used_bytes, used_measured_at)
    VALUES (p_host, p_root, now(), p_free_bytes, p_total_bytes, p_used_bytes,
            CASE WHEN p_used_bytes IS NOT NULL THEN now() END)
    ON CONFLICT (host, root) DO UPDATE SET
        measured_at = excluded.measured_at,
        free_bytes = excluded.free_bytes,
        total_bytes = excluded.total_bytes,
        used_bytes = coalesce(excluded.used_bytes, s.used_bytes),
        used_measured_at = coalesce(excluded.used_measured_at, s.used_measured_at)
    RETURNING s.used_measured_at INTO v_measured;
    RETURN v_measured IS NULL
        OR v_measured < now() - public.etl_setting('image_measure_every')::interval;
END
$$;

--
-- Name: FUNCTION etl_record_image_store(p_host text, p_root text, p_free_bytes bigint, p_total_bytes bigint, p_used_bytes bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_record_image_store(p_host text, p_root text, p_free_bytes bigint, p_total_bytes bigint, p_used_bytes bigint) IS 'Records the free and total bytes of image root p_root on host p_host and, when given, the root''s own size (p_used_bytes; NULL keeps the last measurement). Returns whether the size is due to be measured again (never measured, or longer ago than image_measure_every).';

--
-- Name: etl_refresh_data_quality(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_refresh_data_quality(p_max_days integer DEFAULT NULL::integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_since timestamptz;
    v_first date;
    v_last date;
    v_day date;
    v_count integer := 0;
BEGIN
    -- Changes since the previous run, with an overlap for transactions that were still open then
    -- (their rows carry their start time). Whatever slips through is caught by the recheck.
    SELECT m.last_started_at - public.etl_setting('quality_margin')::interval
    INTO v_since
    FROM public.etl_maintenance AS m
    WHERE m.job = 'data_quality';

    -- Every day between the first and the last execution has a row (both ends come from the index).
    SELECT (min(e.completion_timestamp) AT TIME ZONE 'UTC')::date, (max(e.completion_timestamp) AT TIME ZONE 'UTC')::date
    INTO v_first, v_last
    FROM public.executions AS e;
    INSERT INTO public.etl_data_quality_days (day)
    SELECT d::date FROM generate_series(v_first::timestamp, v_last::timestamp, interval '1 day') AS d
    ON CONFLICT (day) DO NOTHING;

    IF v_since IS NOT NULL THEN
        -- Stage 1 adds executions (created_at); Stage 2 writes a day's fields when it claims or
        -- finishes an item (started_at, completed_at).
        UPDATE public.etl_data_quality_days AS d
        SET stale = true
        WHERE NOT d.stale
          AND d.day IN (
              SELECT (e.completion_timestamp AT TIME ZONE 'UTC')::date
              FROM public.executions AS e
              WHERE e.created_at >= v_since
              UNION
              SELECT (e.completion_timestamp AT TIME ZONE 'UTC')::date
              FROM public.etl_processing_queue AS q
              INNER JOIN public.executions AS e ON e.id = q.execution_id
              WHERE q.started_at >= v_since OR q.completed_at >= v_since
          );
    END IF;

    FOR v_day IN
        SELECT d.day
        FROM public.etl_data_quality_days AS d
        WHERE d.stale
           OR d.refreshed_at < now() - public.etl_setting('quality_recheck')::interval
        ORDER BY d.stale DESC, CASE WHEN d.stale THEN d.day END DESC, d.refreshed_at
        LIMIT coalesce(p_max_days, public.etl_setting('quality_days_per_run')::integer)
        FOR UPDATE SKIP LOCKED
    LOOP
        WITH counted AS MATERIALIZED (
            SELECT q.ordinal, q.field, q.executions, q.present FROM public.etl_data_quality_of_day(v_day) AS q
        ),
        saved AS (
            INSERT INTO public.etl_data_quality_counts AS c (day, field, ordinal, present)
            SELECT v_day, q.field, q.ordinal, q.present FROM counted AS q WHERE q.executions > 0
            ON CONFLICT (day, field) DO UPDATE SET ordinal = excluded.ordinal, present = excluded.present
        )
        UPDATE public.etl_data_quality_days AS d
        SET executions = (SELECT max(q.executions) FROM counted AS q), refreshed_at = now(), stale = false
        WHERE d.day = v_day;
        DELETE FROM public.etl_data_quality_counts AS c
        USING public.etl_data_quality_days AS d
        WHERE c.day = v_day AND d.day = v_day AND d.executions = 0;
        v_count := v_count + 1;
    END LOOP;

    INSERT INTO public.etl_maintenance AS m (job, last_started_at, last_finished_at, last_count, total_count, runs)
    VALUES ('data_quality', v_started, clock_timestamp(), v_count, v_count, 1)
    ON CONFLICT (job) DO UPDATE SET
        last_started_at = excluded.last_started_at,
        last_finished_at = excluded.last_finished_at,
        last_count = excluded.last_count,
        total_count = m.total_count + excluded.last_count,
        runs = m.runs + 1;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_refresh_data_quality(p_max_days integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_refresh_data_quality(p_max_days integer) IS 'Recomputes (etl_data_quality_of_day) up to p_max_days days of the data quality rollup (default setting quality_days_per_run): first the days whose executions were ingested or went through Stage 2 since the previous run (minus quality_margin) or were never computed, most recent first, then days not recomputed for quality_recheck. Records the run in etl_maintenance (job data_quality). Returns the number of days recomputed.';

--
-- Name: etl_release(bigint[], uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_release(p_queue_ids bigint[], p_claim_tokens uuid[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', next_attempt_at = now(), rerun = false, extraction_pending = false,
        attempts = CASE WHEN q.rerun THEN 0 ELSE greatest(q.attempts - 1, 0) END,
        claim_token = NULL, locked_until = NULL
    FROM unnest(p_queue_ids, p_claim_tokens) AS r (id, token)
    WHERE q.id = r.id AND q.claim_token = r.token AND q.status = 'processing';
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_release(p_queue_ids bigint[], p_claim_tokens uuid[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_release(p_queue_ids bigint[], p_claim_tokens uuid[]) IS 'Returns live claims (ids paired with their tokens) to pending at once, refunding the attempt: used when a runner stops (SIGTERM) before finishing them. Returns how many were released.';

--
-- Name: etl_renew_leases(bigint[], uuid[], double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_renew_leases(p_queue_ids bigint[], p_claim_tokens uuid[], p_lease_seconds double precision) RETURNS SETOF bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    UPDATE public.etl_processing_queue AS q
    SET locked_until = now() + make_interval(secs => p_lease_seconds)
    FROM unnest(p_queue_ids, p_claim_tokens) AS r (id, token)
    WHERE q.id = r.id AND q.claim_token = r.token AND q.status = 'processing'
    RETURNING q.id
$$;

--
-- Name: FUNCTION etl_renew_leases(p_queue_ids bigint[], p_claim_tokens uuid[], p_lease_seconds double precision); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_renew_leases(p_queue_ids bigint[], p_claim_tokens uuid[], p_lease_seconds double precision) IS 'Extends the leases of live claims (ids paired with tokens) to p_lease_seconds from now. Returns the ids still held; a missing id was lost (reaped and maybe claimed by another runner).';

--
-- Name: etl_reprocess(timestamp with time zone, bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_reprocess(p_since timestamp with time zone, p_execution_ids bigint[] DEFAULT NULL::bigint[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', attempts = 0, deferrals = 0, priority = 10, next_attempt_at = now(),
        completed_at = NULL
    -- The selection is etl_reprocess_preview's: --dry-run shows exactly this.
    WHERE (q.execution_id, q.status) IN (
        SELECT p.execution_id, p.status FROM public.etl_reprocess_preview(p_since, p_execution_ids) AS p
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        PERFORM public.etl_notify_stage2();
    END IF;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_reprocess(p_since timestamp with time zone, p_execution_ids bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_reprocess(p_since timestamp with time zone, p_execution_ids bigint[]) IS 'Queues Stage 2 again, at backfill priority, for executions that finished since p_since (optionally only p_execution_ids) and whose item is done (completed, failed or skipped); items in flight are left alone. Extraction and images are upserts, so the result replaces the old one. Returns the count.';

--
-- Name: etl_reprocess_preview(timestamp with time zone, bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_reprocess_preview(p_since timestamp with time zone, p_execution_ids bigint[] DEFAULT NULL::bigint[]) RETURNS TABLE(execution_id bigint, status text, completion_timestamp timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    -- etl_reprocess queues exactly these again.
    SELECT q.execution_id, q.status, e.completion_timestamp
    FROM public.etl_processing_queue AS q
    INNER JOIN public.executions AS e ON e.id = q.execution_id
    WHERE q.status IN ('completed', 'failed', 'skipped')
      AND e.completion_timestamp >= p_since
      AND (p_execution_ids IS NULL OR q.execution_id = ANY (p_execution_ids))
    ORDER BY q.execution_id
$$;

--
-- Name: FUNCTION etl_reprocess_preview(p_since timestamp with time zone, p_execution_ids bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_reprocess_preview(p_since timestamp with time zone, p_execution_ids bigint[]) IS 'The items etl_reprocess(p_since, p_execution_ids) would queue again, with their status and when the execution finished; changes nothing.';

--
-- Name: etl_retry(text, bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_retry(p_status text DEFAULT 'failed'::text, p_execution_ids bigint[] DEFAULT NULL::bigint[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_count integer;
BEGIN
    -- The selection (and the check of p_status) is etl_retry_preview's: --dry-run shows exactly this.
    UPDATE public.etl_processing_queue AS q
    SET status = 'pending', attempts = 0, deferrals = 0, next_attempt_at = now(), completed_at = NULL
    WHERE (q.execution_id, q.status) IN (
        SELECT p.execution_id, p.status FROM public.etl_retry_preview(p_status, p_execution_ids) AS p
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        PERFORM public.etl_notify_stage2();
    END IF;
    RETURN v_count;
END
$$;

--
-- Name: FUNCTION etl_retry(p_status text, p_execution_ids bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_retry(p_status text, p_execution_ids bigint[]) IS 'Reopens items in p_status (failed or skipped), all of them or those of p_execution_ids, with fresh attempts; last_error stays until the next attempt. Returns how many were reopened.';

--
-- Name: etl_retry_delay(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_retry_delay(p_attempts integer) RETURNS interval
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    -- Full delay doubles per attempt up to the cap; the jitter (50-100 %) keeps a crowd of failed
    -- items from coming back in one wave.
    SELECT make_interval(secs =>
        least(
            public.etl_setting('retry_base_seconds')::double precision
                * power(2, greatest(p_attempts, 1) - 1),
            public.etl_setting('retry_max_seconds')::double precision
        ) * (0.5 + random() * 0.5)
    )
$$;

--
-- Name: FUNCTION etl_retry_delay(p_attempts integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_retry_delay(p_attempts integer) IS 'Delay before the next attempt after p_attempts failed ones: retry_base_seconds * 2^(n-1), capped at retry_max_seconds, times a random 0.5-1.0.';

--
-- Name: etl_retry_of(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_retry_of(p_retry_of text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    SELECT CASE WHEN p_retry_of ~ '^[0-9]{1,18}$' THEN p_retry_of::bigint END
$_$;

--
-- Name: FUNCTION etl_retry_of(p_retry_of text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_retry_of(p_retry_of text) IS 'The execution id n8n''s retryOf names; NULL when it has none or holds no execution id.';

--
-- Name: etl_retry_preview(text, bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_retry_preview(p_status text DEFAULT 'failed'::text, p_execution_ids bigint[] DEFAULT NULL::bigint[]) RETURNS TABLE(execution_id bigint, status text, attempts integer, last_error text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF p_status IS NULL OR p_status NOT IN ('failed', 'skipped') THEN
        RAISE EXCEPTION 'etl_retry: only failed or skipped items can be retried, not %', coalesce(p_status, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- etl_retry reopens exactly these.
    RETURN QUERY
    SELECT q.execution_id, q.status, q.attempts, q.last_error
    FROM public.etl_processing_queue AS q
    WHERE q.status = p_status
      AND (p_execution_ids IS NULL OR q.execution_id = ANY (p_execution_ids))
    ORDER BY q.execution_id;
END
$$;

--
-- Name: FUNCTION etl_retry_preview(p_status text, p_execution_ids bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_retry_preview(p_status text, p_execution_ids bigint[]) IS 'The items etl_retry(p_status, p_execution_ids) would reopen, with their attempts and last error; changes nothing.';

--
-- Name: etl_runner_pause(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_runner_pause(p_worker text, p_reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF p_worker IS NULL OR p_worker = '' THEN
        RAISE EXCEPTION 'etl_runner_pause: worker name must not be empty'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO public.etl_runner_heartbeats AS h (worker, started_at, last_seen_at, paused_since, paused_reason)
    VALUES (p_worker, now(), now(), CASE WHEN p_reason IS NOT NULL THEN now() END, p_reason)
    ON CONFLICT (worker) DO UPDATE SET
        last_seen_at = excluded.last_seen_at,
        -- A pause that goes on keeps its start; a new reason is shown as it is now.
        paused_since = CASE WHEN p_reason IS NULL THEN NULL ELSE coalesce(h.paused_since, now()) END,
        paused_reason = p_reason;
END
$$;

--
-- Name: FUNCTION etl_runner_pause(p_worker text, p_reason text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_runner_pause(p_worker text, p_reason text) IS 'Records that runner p_worker stopped claiming because of a systemic fault p_reason (a revoked grant, a renamed n8n column or table, n8n''s storage folder unreadable), or, with p_reason NULL, that it claims again. Health''s stage2_paused alert fires while a live runner is paused.';

--
-- Name: etl_setting(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_setting(p_key text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog'
    AS $$
DECLARE
    v_value text;
BEGIN
    -- The migrations seed every setting with its default: that seed is the only place a default
    -- lives, so a missing row is an error here, never a second default in the caller.
    SELECT s.value INTO v_value FROM public.etl_settings AS s WHERE s.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'etl_setting: no setting %, the migrations seed every one', coalesce(p_key, 'NULL')
            USING ERRCODE = 'undefined_object';
    END IF;
    RETURN v_value;
END
$$;

--
-- Name: FUNCTION etl_setting(p_key text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_setting(p_key text) IS 'The value of one row of etl_settings (seeded with its default by the migrations). Raises 42704 when the row is missing.';

--
-- Name: etl_skip(bigint, uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    UPDATE public.etl_processing_queue AS q
    SET status = 'skipped', completed_at = now(), claim_token = NULL, locked_until = NULL,
        last_error = 'source gone: ' || coalesce(p_reason, 'unknown')
    WHERE q.id = p_queue_id AND q.claim_token = p_claim_token AND q.status = 'processing';
    RETURN FOUND;
END
$$;

--
-- Name: FUNCTION etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text) IS 'Ends a live claim as skipped (final until `sai-etl retry --skipped`): the source is gone. Returns false for a claim that is no longer live.';

--
-- Name: etl_source_outcome(text, text, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_source_outcome(p_workflow_id text, p_n8n_status text, p_n8n_workflow_id text, p_has_data boolean, OUT outcome text, OUT reason text) RETURNS record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT
        CASE
            WHEN p_n8n_status IS NULL THEN 'gone'
            WHEN p_n8n_workflow_id IS DISTINCT FROM p_workflow_id THEN 'gone'
            WHEN p_n8n_status NOT IN ('success', 'error', 'crashed', 'canceled') THEN 'not_ready'
            WHEN NOT coalesce(p_has_data, false) THEN 'gone'
            ELSE 'ready'
        END,
        CASE
            WHEN p_n8n_status IS NULL THEN 'n8n no longer has the execution'
            WHEN p_n8n_workflow_id IS DISTINCT FROM p_workflow_id
                THEN format('n8n''s execution of that id belongs to workflow %s, not %s', p_n8n_workflow_id,
                    p_workflow_id)
            WHEN p_n8n_status NOT IN ('success', 'error', 'crashed', 'canceled')
                THEN format('n8n status is %s, not terminal yet', p_n8n_status)
            WHEN NOT coalesce(p_has_data, false) THEN 'n8n has no execution_data for it'
        END
$$;

--
-- Name: FUNCTION etl_source_outcome(p_workflow_id text, p_n8n_status text, p_n8n_workflow_id text, p_has_data boolean, OUT outcome text, OUT reason text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_source_outcome(p_workflow_id text, p_n8n_status text, p_n8n_workflow_id text, p_has_data boolean, OUT outcome text, OUT reason text) IS 'The readiness rule of Stage 2, from one read of n8n (p_n8n_status NULL: no execution_entity row): gone when n8n has no such execution, when its execution of that id belongs to another workflow than the recorded p_workflow_id (n8n''s ids were reused), or when a terminal execution has no execution_data (pruned, or soft-deleted without data); not_ready while the status is not terminal (success, error, crashed, canceled): n8n writes the final data in the transaction that sets it; otherwise ready. reason says why for gone and not_ready.';

--
-- Name: etl_sweep(integer, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_sweep(p_outbox_drained integer, p_window interval DEFAULT NULL::interval) RETURNS public.etl_sweep_runs
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_reconciled integer := public.etl_reconcile(p_window);
    v_run public.etl_sweep_runs;
BEGIN
    INSERT INTO public.etl_sweep_runs (started_at, finished_at, outbox_drained, reconciled)
    VALUES (v_started, clock_timestamp(), coalesce(p_outbox_drained, 0), v_reconciled)
    RETURNING * INTO v_run;
    RETURN v_run;
END
$$;

--
-- Name: FUNCTION etl_sweep(p_outbox_drained integer, p_window interval); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_sweep(p_outbox_drained integer, p_window interval) IS 'Reconciles (see etl_reconcile) and records the sweep in etl_sweep_runs with p_outbox_drained, the number of outbox rows the caller delivered from n8n''s side (sai_etl.drain_outbox) just before.';

--
-- Name: etl_webhook_item(jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_webhook_item(p_doc jsonb, p_node text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    v_path text[] := (public.etl_node_run(p_doc, p_node)).item_path;
    v_stack jsonb;
BEGIN
    IF v_path IS NOT NULL OR p_node IS NULL THEN
        RETURN v_path;
    END IF;
    -- The webhook has no output of its own (n8n crashed: it never ran, or its run is the recovery's
    -- placeholder, see etl_node_run): its request still waits on the execution stack, where n8n
    -- put it when it created the execution.
    v_stack := public.etl_flatted_node(p_doc, '{executionData,nodeExecutionStack}');
    IF jsonb_typeof(v_stack) IS DISTINCT FROM 'array' THEN
        RETURN NULL;
    END IF;
    FOR i IN 0 .. jsonb_array_length(v_stack) - 1 LOOP
        v_path := ARRAY['executionData', 'nodeExecutionStack', i::text];
        IF public.etl_flatted_node(p_doc, v_path || '{node,name}') #>> '{}' = p_node
            AND jsonb_typeof(public.etl_flatted_node(p_doc, v_path || '{data,main,0,0}')) = 'object' THEN
            RETURN v_path || '{data,main,0,0}';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION etl_webhook_item(p_doc jsonb, p_node text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_webhook_item(p_doc jsonb, p_node text) IS 'Path (for etl_flatted_node) of the webhook node''s output item in a parsed flatted execution: its last run''s first item, or, when it has none (a crashed execution keeps n8n''s initial data, and n8n''s crash recovery gives the webhook a placeholder run), its item waiting on executionData.nodeExecutionStack. NULL when neither exists.';

--
-- Name: etl_workflow_nodes(text, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.etl_workflow_nodes(p_workflow_id text, p_workflow_data jsonb, OUT webhook_node text, OUT analysis_node text, OUT telegram_node text) RETURNS record
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $_$
    WITH node AS (
        SELECT
            n ->> 'name' AS name,
            t.pos,
            coalesce(n -> 'disabled' = 'true', false) AS disabled,
            CASE
                WHEN n ->> 'type' = 'n8n-nodes-base.webhook' THEN 'webhook'
                WHEN n ->> 'type' = 'n8n-nodes-base.telegram' THEN 'telegram'
                WHEN n ->> 'type' = 'n8n-nodes-base.httpRequest'
                    AND n #>> '{parameters,url}' ~ '/api/generate/?\s*$' THEN 'analysis'
                -- n8n's own Ollama node (@n8n/n8n-nodes-langchain.ollama) and community ones
                -- named ollama*; not the lmOllama/embeddingsOllama sub-nodes, which answer nothing.
                WHEN lower(regexp_replace(n ->> 'type', '^.*\.', '')) LIKE 'ollama%' THEN 'analysis'
            END AS role
        FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(p_workflow_data -> 'nodes') = 'array' THEN p_workflow_data -> 'nodes' END
        ) WITH ORDINALITY AS t (n, pos)
        WHERE n ->> 'name' IS NOT NULL
    ),
    chosen AS (
        SELECT
            r.role,
            coalesce(
                (
                    SELECT o.node_name
                    FROM public.etl_node_overrides AS o
                    WHERE o.workflow_id = p_workflow_id AND o.role = r.role
                      AND EXISTS (SELECT FROM node WHERE node.name = o.node_name)
                ),
                (
                    SELECT node.name FROM node
                    WHERE node.role = r.role
                    ORDER BY node.disabled, node.pos
                    LIMIT 1
                )
            ) AS name
        FROM (VALUES ('webhook'), ('analysis'), ('telegram')) AS r (role)
    )
    SELECT
        max(name) FILTER (WHERE role = 'webhook'),
        max(name) FILTER (WHERE role = 'analysis'),
        max(name) FILTER (WHERE role = 'telegram')
    FROM chosen
$_$;

--
-- Name: FUNCTION etl_workflow_nodes(p_workflow_id text, p_workflow_data jsonb, OUT webhook_node text, OUT analysis_node text, OUT telegram_node text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.etl_workflow_nodes(p_workflow_id text, p_workflow_data jsonb, OUT webhook_node text, OUT analysis_node text, OUT telegram_node text) IS 'The webhook, analysis and Telegram node names of a workflow (execution_data.workflowData, so each execution is read with the workflow version it ran). By type: n8n-nodes-base.webhook; an HTTP Request whose url ends in /api/generate, or an Ollama node; n8n-nodes-base.telegram. Several candidates: the first enabled one in the workflow''s node order. An etl_node_overrides row for (workflow, role) wins when the workflow has a node of that name; for a workflow version without it, discovery by type applies. NULL: the workflow has no node for that role.';

--
-- Name: sai_n8n; Type: SERVER; Schema: -; Owner: -
--

CREATE SERVER sai_n8n FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
    application_name 'sai-etl stage2',
    connect_timeout '5',
    dbname '<set by sai-etl migrate>',
    fetch_size '10000',
    host '<set by sai-etl migrate>',
    keepalives '1',
    keepalives_count '3',
    keepalives_idle '5',
    keepalives_interval '2',
    port '<set by sai-etl migrate>',
    tcp_user_timeout '10000'
);

--
-- Name: SERVER sai_n8n; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SERVER sai_n8n IS 'n8n''s database, read only: `sai-etl migrate` sets its address and the reader role''s user mapping.';

--
-- Name: binary_data; Type: FOREIGN TABLE; Schema: n8n; Owner: -
--

CREATE FOREIGN TABLE n8n.binary_data (
    "fileId" uuid NOT NULL,
    data bytea NOT NULL,
    "mimeType" character varying(255),
    "fileName" character varying(255),
    "fileSize" integer NOT NULL,
    "sourceType" character varying(50),
    "sourceId" character varying(255)
)
SERVER sai_n8n
OPTIONS (
    schema_name 'public',
    table_name 'binary_data'
);

--
-- Name: FOREIGN TABLE binary_data; Type: COMMENT; Schema: n8n; Owner: -
--

COMMENT ON FOREIGN TABLE n8n.binary_data IS 'n8n 2.x binary data kept in the database (read only).';

--
-- Name: execution_data; Type: FOREIGN TABLE; Schema: n8n; Owner: -
--

CREATE FOREIGN TABLE n8n.execution_data (
    "executionId" integer NOT NULL,
    "workflowData" json NOT NULL,
    data text NOT NULL
)
SERVER sai_n8n
OPTIONS (
    schema_name 'public',
    table_name 'execution_data'
);

--
-- Name: FOREIGN TABLE execution_data; Type: COMMENT; Schema: n8n; Owner: -
--

COMMENT ON FOREIGN TABLE n8n.execution_data IS 'n8n''s execution data: workflowData and flatted data (read only).';

--
-- Name: execution_entity; Type: FOREIGN TABLE; Schema: n8n; Owner: -
--

CREATE FOREIGN TABLE n8n.execution_entity (
    id integer NOT NULL,
    finished boolean NOT NULL,
    mode character varying NOT NULL,
    "retryOf" character varying,
    "startedAt" timestamp with time zone,
    "stoppedAt" timestamp with time zone,
    status character varying NOT NULL,
    "workflowId" character varying(36) NOT NULL,
    "deletedAt" timestamp with time zone,
    "createdAt" timestamp with time zone NOT NULL
)
SERVER sai_n8n
OPTIONS (
    schema_name 'public',
    table_name 'execution_entity'
);

--
-- Name: FOREIGN TABLE execution_entity; Type: COMMENT; Schema: n8n; Owner: -
--

COMMENT ON FOREIGN TABLE n8n.execution_entity IS 'n8n''s executions (read only).';

--
-- Name: execution_storage; Type: FOREIGN TABLE; Schema: n8n; Owner: -
--

CREATE FOREIGN TABLE n8n.execution_storage (
    id integer NOT NULL,
    "storedAt" character varying NOT NULL,
    "jsonSizeBytes" bigint,
    "binaryDataSizeBytes" bigint
)
SERVER sai_n8n
OPTIONS (
    schema_name 'public',
    table_name 'execution_entity'
);

--
-- Name: FOREIGN TABLE execution_storage; Type: COMMENT; Schema: n8n; Owner: -
--

COMMENT ON FOREIGN TABLE n8n.execution_storage IS 'n8n 2.x: where each execution''s data is kept ("storedAt": db, fs, s3, az) and its sizes (read only; n8n 1.x has no such columns, and a read of it there fails with 42703).';

--
-- Name: outbox; Type: FOREIGN TABLE; Schema: n8n; Owner: -
--

CREATE FOREIGN TABLE n8n.outbox (
    execution_id integer NOT NULL,
    queued_at timestamp with time zone NOT NULL,
    last_error text
)
SERVER sai_n8n
OPTIONS (
    schema_name 'sai_etl',
    table_name 'outbox'
);

--
-- Name: FOREIGN TABLE outbox; Type: COMMENT; Schema: n8n; Owner: -
--

COMMENT ON FOREIGN TABLE n8n.outbox IS 'Stage 1 rows waiting in n8n''s database for the dashboard (health only).';

--
-- Name: watched_workflows; Type: FOREIGN TABLE; Schema: n8n; Owner: -
--

CREATE FOREIGN TABLE n8n.watched_workflows (
    workflow_id character varying(36) NOT NULL
)
SERVER sai_n8n
OPTIONS (
    schema_name 'sai_etl',
    table_name 'watched_workflows'
);

--
-- Name: FOREIGN TABLE watched_workflows; Type: COMMENT; Schema: n8n; Owner: -
--

COMMENT ON FOREIGN TABLE n8n.watched_workflows IS 'The workflows sai-etl carries, configured in n8n''s database.';

--
-- Name: _yoyo_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._yoyo_log (
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
-- Name: _yoyo_migration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._yoyo_migration (
    migration_hash character varying(64) NOT NULL,
    migration_id character varying(255),
    applied_at_utc timestamp without time zone
);

--
-- Name: _yoyo_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._yoyo_version (
    version integer NOT NULL,
    installed_at_utc timestamp without time zone
);

--
-- Name: etl_alert_checks; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_alert_checks AS
 SELECT a.alert,
    a.severity,
    a.firing,
    a.observed,
    a.threshold,
    a.unit,
    a.message
   FROM ((public.etl_queue_health q
     CROSS JOIN public.etl_pipeline_health p)
     CROSS JOIN LATERAL public.etl_alert_evaluate(q.*, p.*) a(alert, severity, firing, observed, threshold, unit, message));

--
-- Name: VIEW etl_alert_checks; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_alert_checks IS 'Every alert rule (etl_alert_evaluate) with its observed figure, threshold and whether it fires now.';

--
-- Name: etl_alerts; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_alerts AS
 SELECT c.alert,
    c.severity,
    c.observed,
    c.threshold,
    c.unit,
    c.message
   FROM public.etl_alert_checks c
  WHERE c.firing
  ORDER BY (c.severity <> 'critical'::text), c.alert;

--
-- Name: VIEW etl_alerts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_alerts IS 'The alerts firing now (critical ones first), thresholds from etl_settings: see etl_alert_evaluate. Empty when the pipeline is healthy; `sai-etl health` exits 1 when it is not.';

--
-- Name: etl_counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_counters (
    name text NOT NULL,
    value bigint NOT NULL,
    since timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT etl_counters_name_check CHECK ((name = ANY (ARRAY['completed'::text, 'failed'::text, 'skipped'::text, 'retried'::text, 'image_bytes_written'::text])))
);

--
-- Name: TABLE etl_counters; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_counters IS 'Totals that only grow, for rate(): queue items completed, failed and skipped, attempts started after an item''s first (retried), and bytes of original images written. Kept by triggers on etl_processing_queue and execution_images (etl_count_queue_outcomes, etl_count_image_bytes).';

--
-- Name: COLUMN etl_counters.value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_counters.value IS 'The total since `since`.';

--
-- Name: COLUMN etl_counters.since; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_counters.since IS 'When counting began (the migration); the seed counted the rows present then, and the completed items the queue retention had already pruned.';

--
-- Name: etl_data_quality_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_data_quality_counts (
    day date NOT NULL,
    field text NOT NULL,
    ordinal smallint NOT NULL,
    present bigint NOT NULL
);

--
-- Name: TABLE etl_data_quality_counts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_data_quality_counts IS 'Per day and Stage 2 field, how many of the day''s executions have the field (not NULL): see etl_data_quality.';

--
-- Name: COLUMN etl_data_quality_counts.ordinal; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_data_quality_counts.ordinal IS 'Display order of the field.';

--
-- Name: etl_data_quality_days; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_data_quality_days (
    day date NOT NULL,
    executions bigint,
    refreshed_at timestamp with time zone,
    stale boolean DEFAULT true NOT NULL
);

--
-- Name: TABLE etl_data_quality_days; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_data_quality_days IS 'The data quality rollup, one row per UTC day of executions.completion_timestamp: how many executions finished that day, when the day''s counts were last computed, and whether they must be recomputed. Maintained by etl_refresh_data_quality() so the quality views never scan the executions table.';

--
-- Name: COLUMN etl_data_quality_days.executions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_data_quality_days.executions IS 'Executions that finished this day; NULL until first computed.';

--
-- Name: COLUMN etl_data_quality_days.refreshed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_data_quality_days.refreshed_at IS 'When the counts were last computed; NULL = never.';

--
-- Name: COLUMN etl_data_quality_days.stale; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_data_quality_days.stale IS 'True when data of this day changed after refreshed_at (or was never computed).';

--
-- Name: etl_data_quality; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_data_quality AS
 SELECT c.field,
    (sum(d.executions))::bigint AS executions,
    (sum(c.present))::bigint AS present,
    round(((100.0 * sum(c.present)) / NULLIF(sum(d.executions), (0)::numeric)), 1) AS percent,
    min(d.day) AS first_day,
    max(d.day) AS last_day,
    min(d.refreshed_at) AS oldest_refresh,
    ( SELECT count(*) AS count
           FROM public.etl_data_quality_days s
          WHERE s.stale) AS stale_days
   FROM (public.etl_data_quality_counts c
     JOIN public.etl_data_quality_days d ON ((c.day = d.day)))
  GROUP BY c.field
  ORDER BY (min(c.ordinal));

--
-- Name: VIEW etl_data_quality; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_data_quality IS 'The product''s honesty meter: for each Stage 2 field (see etl_data_quality_of_day), how many of all executions have it (not NULL) and the percentage, from the per-day rollup that etl_refresh_data_quality() keeps. oldest_refresh: the figures are at least this fresh; stale_days > 0: days whose latest changes are not counted yet.';

--
-- Name: etl_data_quality_daily; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_data_quality_daily AS
 SELECT d.day,
    c.field,
    d.executions,
    c.present,
    round(((100.0 * (c.present)::numeric) / (d.executions)::numeric), 1) AS percent,
    d.refreshed_at,
    d.stale
   FROM (public.etl_data_quality_days d
     JOIN public.etl_data_quality_counts c ON ((d.day = c.day)))
  WHERE (d.executions > 0)
  ORDER BY d.day DESC, c.ordinal;

--
-- Name: VIEW etl_data_quality_daily; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_data_quality_daily IS 'Per UTC day (of completion_timestamp) and Stage 2 field: executions that finished that day, how many have the field, the percentage, when the day was counted and whether it changed since (stale).';

--
-- Name: etl_failed_items; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_failed_items AS
 SELECT q.id AS queue_id,
    q.execution_id,
    e.workflow_id,
    e.execution_timestamp,
    q.status,
    q.attempts,
    q.max_attempts,
    q.last_error,
    q.claimed_by,
    q.created_at AS queued_at,
    q.completed_at AS failed_at,
        CASE q.status
            WHEN 'failed'::text THEN format('sai-etl retry %s'::text, q.execution_id)
            ELSE format('sai-etl retry --skipped %s'::text, q.execution_id)
        END AS next_action
   FROM (public.etl_processing_queue q
     JOIN public.executions e ON ((q.execution_id = e.id)))
  WHERE (q.status = ANY (ARRAY['failed'::text, 'skipped'::text]))
  ORDER BY q.completed_at DESC, q.id DESC;

--
-- Name: VIEW etl_failed_items; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_failed_items IS 'Stage 2 items in a final state that needs a decision, newest first: failed (retries exhausted, or an error not worth retrying) and skipped (n8n no longer has the data), with the last error, the attempts spent and the command that reopens the item.';

--
-- Name: etl_image_stores; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_image_stores (
    host text NOT NULL,
    root text NOT NULL,
    measured_at timestamp with time zone NOT NULL,
    free_bytes bigint NOT NULL,
    total_bytes bigint NOT NULL,
    used_bytes bigint,
    used_measured_at timestamp with time zone
);

--
-- Name: TABLE etl_image_stores; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_image_stores IS 'One row per runner host and image root (SAI_IMAGE_DIR), reported by etl_record_image_store() from the runner''s maintenance: the file system''s free and total space, and the root''s own size.';

--
-- Name: COLUMN etl_image_stores.measured_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_image_stores.measured_at IS 'When free_bytes and total_bytes were read (statvfs).';

--
-- Name: COLUMN etl_image_stores.free_bytes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_image_stores.free_bytes IS 'Bytes available to the runner on the image root''s file system.';

--
-- Name: COLUMN etl_image_stores.total_bytes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_image_stores.total_bytes IS 'Size of the image root''s file system.';

--
-- Name: COLUMN etl_image_stores.used_bytes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_image_stores.used_bytes IS 'Bytes of the files under the image root (a walk, at most every image_measure_every); NULL: not measured yet.';

--
-- Name: COLUMN etl_image_stores.used_measured_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.etl_image_stores.used_measured_at IS 'When used_bytes was measured; NULL: never.';

--
-- Name: execution_images; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.execution_images (
    execution_id bigint NOT NULL,
    source text NOT NULL,
    valid boolean NOT NULL,
    invalid_reason text,
    format text,
    width integer,
    height integer,
    size_bytes bigint,
    sha256 text,
    original_path text,
    thumbnail_path text,
    cached_path text,
    claimed_mime_type text,
    file_name text,
    extracted_at timestamp with time zone DEFAULT now() NOT NULL,
    original_pruned_at timestamp with time zone,
    derived_pruned_at timestamp with time zone,
    display_path text GENERATED ALWAYS AS (cached_path) STORED,
    stored_at timestamp with time zone GENERATED ALWAYS AS (extracted_at) STORED,
    quality_score numeric,
    CONSTRAINT execution_images_paths_check CHECK (((NOT valid) OR ((original_path IS NOT NULL) AND (thumbnail_path IS NOT NULL)))),
    CONSTRAINT execution_images_source_check CHECK ((source = ANY (ARRAY['binary'::text, 'body'::text, 'filesystem'::text, 'database'::text]))),
    CONSTRAINT execution_images_valid_check CHECK ((valid = (invalid_reason IS NULL)))
);

--
-- Name: TABLE execution_images; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.execution_images IS 'The camera frame of an execution, as the runner stored it. No row: the execution carried no image.';

--
-- Name: COLUMN execution_images.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.source IS 'Where the frame was: binary (inline base64), body (webhook body), filesystem (n8n binary data file), database.';

--
-- Name: COLUMN execution_images.valid; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.valid IS 'False when the payload was not a usable image; invalid_reason says why.';

--
-- Name: COLUMN execution_images.format; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.format IS 'The format Pillow found in the bytes (never the claimed mimeType).';

--
-- Name: COLUMN execution_images.original_path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.original_path IS 'Original bytes, unchanged, relative to the image root.';

--
-- Name: COLUMN execution_images.thumbnail_path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.thumbnail_path IS 'WebP thumbnail, relative to the image root.';

--
-- Name: COLUMN execution_images.cached_path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.cached_path IS 'WebP display variant (full size in the dashboard''s layout), relative to the image root.';

--
-- Name: COLUMN execution_images.claimed_mime_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.claimed_mime_type IS 'The mimeType n8n recorded (for comparison only).';

--
-- Name: COLUMN execution_images.extracted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.extracted_at IS 'When Stage 2 stored the frame (the dashboard reads it as "Stage 2 done").';

--
-- Name: COLUMN execution_images.original_pruned_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.original_pruned_at IS 'When retention removed the original file (original_path, sha256 and size_bytes stay as history); NULL: the file is kept (or there never was one: see valid).';

--
-- Name: COLUMN execution_images.derived_pruned_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.derived_pruned_at IS 'When retention removed the thumbnail and display variant (their paths stay as history); NULL: kept.';

--
-- Name: COLUMN execution_images.display_path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.display_path IS 'The same as cached_path (generated), under the name sai-etl used first.';

--
-- Name: COLUMN execution_images.stored_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.stored_at IS 'The same as extracted_at (generated), under the name sai-etl used first.';

--
-- Name: COLUMN execution_images.quality_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_images.quality_score IS 'The dashboard''s image quality metric: sai-etl computes none (NULL).';

--
-- Name: etl_image_health; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.etl_image_health AS
 WITH stores AS (
         SELECT count(*) AS roots,
            min(s.free_bytes) AS free_bytes_min,
            max(s.used_bytes) AS used_bytes_max,
            max(s.measured_at) AS last_measured_at
           FROM public.etl_image_stores s
        ), kept AS (
         SELECT min(i.extracted_at) FILTER (WHERE (i.original_pruned_at IS NULL)) AS oldest_original_kept,
            min(i.extracted_at) FILTER (WHERE (i.derived_pruned_at IS NULL)) AS oldest_derived_kept
           FROM public.execution_images i
          WHERE i.valid
        ), pruned AS (
         SELECT max(m.total_count) FILTER (WHERE (m.job = 'prune_originals'::text)) AS originals_pruned_total,
            max(m.total_count) FILTER (WHERE (m.job = 'prune_derived'::text)) AS derived_pruned_total,
            max(m.total_count) FILTER (WHERE (m.job = 'pruned_bytes'::text)) AS pruned_bytes_total,
            max(m.last_finished_at) FILTER (WHERE (m.job = 'prune_originals'::text)) AS last_prune_at
           FROM public.etl_maintenance m
        )
 SELECT stores.roots,
    stores.free_bytes_min,
    stores.used_bytes_max,
    stores.last_measured_at,
    kept.oldest_original_kept,
    kept.oldest_derived_kept,
    pruned.originals_pruned_total,
    pruned.derived_pruned_total,
    pruned.pruned_bytes_total,
    pruned.last_prune_at,
    public.etl_setting('image_retention_originals'::text) AS retention_originals,
    public.etl_setting('image_retention_derived'::text) AS retention_derived,
    public.etl_setting('image_disk_budget'::text) AS disk_budget
   FROM stores,
    kept,
    pruned;

--
-- Name: VIEW etl_image_health; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.etl_image_health IS 'The image store in one row: how many image roots runners reported (etl_image_stores), the least free space and the largest root among them, when last measured; the oldest original and derived image still kept; how many originals and derived sets retention removed (and the originals'' bytes) since installation (NULL: retention never removed any); the retention settings.';

--
-- Name: etl_node_overrides; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_node_overrides (
    workflow_id text NOT NULL,
    role text NOT NULL,
    node_name text NOT NULL,
    CONSTRAINT etl_node_overrides_role_check CHECK ((role = ANY (ARRAY['webhook'::text, 'analysis'::text, 'telegram'::text])))
);

--
-- Name: TABLE etl_node_overrides; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_node_overrides IS 'Node names per role for workflows whose nodes the type-based discovery would not find.';

--
-- Name: etl_processing_queue_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.etl_processing_queue ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.etl_processing_queue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: etl_reconcile_mark; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.etl_reconcile_mark (
    singleton boolean DEFAULT true NOT NULL,
    checked_through bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT etl_reconcile_mark_singleton_check CHECK (singleton)
);

--
-- Name: TABLE etl_reconcile_mark; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.etl_reconcile_mark IS 'The reconcile''s high-water mark (one row): every finished execution of a watched workflow with an n8n id at or below checked_through is in executions. Missing until the first reconcile sets it.';

--
-- Name: etl_sweep_runs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.etl_sweep_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.etl_sweep_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: execution_analysis; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.execution_analysis (
    execution_id bigint NOT NULL,
    alert_level text,
    confidence_score numeric(4,3),
    analysis_text text,
    yolo_model_version text,
    has_smoke boolean,
    flame_detected boolean,
    heat_signature_detected boolean,
    yolo_processing_time_ms numeric(10,2),
    raw_response jsonb,
    extracted_at timestamp with time zone,
    risk_level text GENERATED ALWAYS AS (alert_level) STORED,
    model_version text GENERATED ALWAYS AS (yolo_model_version) STORED,
    smoke_detected boolean GENERATED ALWAYS AS (has_smoke) STORED,
    processing_time_ms bigint GENERATED ALWAYS AS ((round(yolo_processing_time_ms))::bigint) STORED,
    analysis_source text,
    request_id uuid,
    analysis_timestamp timestamp with time zone,
    detection_count integer,
    detection_mode text,
    active_classes text[],
    detections jsonb,
    confidence_smoke numeric(4,3),
    confidence_fire numeric(4,3),
    image_width integer,
    image_height integer,
    image_hash text,
    image_path text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    is_false_positive boolean DEFAULT false,
    false_positive_reason text,
    marked_false_positive_at timestamp with time zone,
    marked_by_user_id text,
    marked_by_email text,
    CONSTRAINT execution_analysis_alert_level_check CHECK ((alert_level = ANY (ARRAY['critical'::text, 'high'::text, 'medium'::text, 'low'::text, 'none'::text]))),
    CONSTRAINT execution_analysis_confidence_check CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT execution_analysis_confidence_fire_check CHECK (((confidence_fire >= (0)::numeric) AND (confidence_fire <= (1)::numeric))),
    CONSTRAINT execution_analysis_confidence_smoke_check CHECK (((confidence_smoke >= (0)::numeric) AND (confidence_smoke <= (1)::numeric))),
    CONSTRAINT execution_analysis_detection_count_check CHECK ((detection_count >= 0)),
    CONSTRAINT execution_analysis_detections_check CHECK ((jsonb_typeof(detections) = 'array'::text)),
    CONSTRAINT execution_analysis_extracted_check CHECK (((analysis_source IS NOT NULL) OR ((raw_response IS NULL) AND (extracted_at IS NULL)))),
    CONSTRAINT execution_analysis_source_check CHECK ((analysis_source = ANY (ARRAY['ollama'::text, 'yolo'::text])))
);

--
-- Name: TABLE execution_analysis; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.execution_analysis IS 'The vision model''s analysis of an execution''s frame (Ollama''s text or the YOLO service''s JSON), and the dashboard''s false-positive labels. analysis_source NULL: a row holding only labels (the model did not answer); every analysis field is NULL when the answer did not say it. sai-etl never writes the label columns.';

--
-- Name: COLUMN execution_analysis.alert_level; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.alert_level IS 'The level the model stated: YOLO''s alert_level as the service gave it, or the risk level read from Ollama''s answer; never derived from detections.';

--
-- Name: COLUMN execution_analysis.confidence_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.confidence_score IS 'Ollama: the confidence the answer states (0..1). YOLO: the best detection''s confidence; NULL without detections.';

--
-- Name: COLUMN execution_analysis.analysis_text; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.analysis_text IS 'The model''s response text, as it answered.';

--
-- Name: COLUMN execution_analysis.yolo_model_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.yolo_model_version IS 'The model that answered: YOLO''s version/model_version (a weights file name) or Ollama''s model.';

--
-- Name: COLUMN execution_analysis.has_smoke; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.has_smoke IS 'Smoke, as the answer states it; NULL when the model was not asked for smoke or did not say.';

--
-- Name: COLUMN execution_analysis.flame_detected; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.flame_detected IS 'Fire or flames, as the answer states it; NULL when the model was not asked for fire (YOLO smoke-only) or did not say.';

--
-- Name: COLUMN execution_analysis.yolo_processing_time_ms; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.yolo_processing_time_ms IS 'The model''s own processing time in ms: YOLO''s processing_time_ms, or Ollama''s total_duration.';

--
-- Name: COLUMN execution_analysis.raw_response; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.raw_response IS 'The analysis node''s output item, decoded from flatted; NULL: labels only.';

--
-- Name: COLUMN execution_analysis.extracted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.extracted_at IS 'When Stage 2 last changed the analysis; NULL: labels only.';

--
-- Name: COLUMN execution_analysis.risk_level; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.risk_level IS 'The same as alert_level (generated), under the seed''s name.';

--
-- Name: COLUMN execution_analysis.model_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.model_version IS 'The same as yolo_model_version (generated), under the seed''s name.';

--
-- Name: COLUMN execution_analysis.smoke_detected; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.smoke_detected IS 'The same as has_smoke (generated), under the seed''s name.';

--
-- Name: COLUMN execution_analysis.processing_time_ms; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.processing_time_ms IS 'yolo_processing_time_ms rounded to whole ms (generated), under the seed''s name.';

--
-- Name: COLUMN execution_analysis.analysis_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.analysis_source IS 'Which answer the row holds: ollama (text, etl_parse_analysis) or yolo (the service''s JSON); NULL: labels only.';

--
-- Name: COLUMN execution_analysis.request_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.request_id IS 'The YOLO service''s request_id.';

--
-- Name: COLUMN execution_analysis.analysis_timestamp; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.analysis_timestamp IS 'When the model answered, as it says: YOLO''s timestamp (UTC), Ollama''s created_at.';

--
-- Name: COLUMN execution_analysis.detection_count; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.detection_count IS 'YOLO: how many boxes the service reported.';

--
-- Name: COLUMN execution_analysis.detection_mode; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.detection_mode IS 'YOLO: the service''s detection_mode (smoke-only, ...), when it says.';

--
-- Name: COLUMN execution_analysis.active_classes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.active_classes IS 'YOLO: the classes the service reported as active (configured, or detected in the newest era), as it gave them.';

--
-- Name: COLUMN execution_analysis.detections; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.detections IS 'YOLO''s boxes in the dashboard''s shape: [{class, class_id, confidence, bounding_box{x, y, width, height}}], pixels of image_width x image_height. The source of execution_detections.';

--
-- Name: COLUMN execution_analysis.confidence_smoke; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.confidence_smoke IS 'YOLO: the mean confidence of the smoke boxes; NULL without one.';

--
-- Name: COLUMN execution_analysis.confidence_fire; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.confidence_fire IS 'YOLO: the mean confidence of the fire boxes; NULL without one.';

--
-- Name: COLUMN execution_analysis.image_width; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.image_width IS 'YOLO: the width of the image as the service received it (the boxes'' space).';

--
-- Name: COLUMN execution_analysis.image_height; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.image_height IS 'YOLO: the height of the image as the service received it.';

--
-- Name: COLUMN execution_analysis.image_hash; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.image_hash IS 'YOLO: the image hash the service reported (newest eras).';

--
-- Name: COLUMN execution_analysis.image_path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.image_path IS 'YOLO: the image path the service reported (newest eras).';

--
-- Name: COLUMN execution_analysis.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.updated_at IS 'When the row last changed, by sai-etl or by the dashboard''s labels.';

--
-- Name: COLUMN execution_analysis.is_false_positive; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.is_false_positive IS 'Dashboard label: a reviewer marked the detection false. Never written by sai-etl.';

--
-- Name: COLUMN execution_analysis.false_positive_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.false_positive_reason IS 'Dashboard label: why. Never written by sai-etl.';

--
-- Name: COLUMN execution_analysis.marked_false_positive_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.marked_false_positive_at IS 'Dashboard label: when. Never written by sai-etl.';

--
-- Name: COLUMN execution_analysis.marked_by_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.marked_by_user_id IS 'Dashboard label: who (OIDC subject). Never written by sai-etl.';

--
-- Name: COLUMN execution_analysis.marked_by_email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_analysis.marked_by_email IS 'Dashboard label: who (email). Never written by sai-etl.';

--
-- Name: execution_detections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.execution_detections (
    execution_id bigint NOT NULL,
    ordinal integer NOT NULL,
    class_name text,
    class_id integer,
    confidence numeric,
    x1 numeric,
    y1 numeric,
    x2 numeric,
    y2 numeric
);

--
-- Name: TABLE execution_detections; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.execution_detections IS 'One row per box of execution_analysis.detections, kept by trigger etl_detections_sync (never written otherwise), so boxes are found by class and confidence through an index.';

--
-- Name: COLUMN execution_detections.ordinal; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.ordinal IS 'The box''s position in the answer''s detections, from 1.';

--
-- Name: COLUMN execution_detections.class_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.class_name IS 'The class the service named (smoke, fire).';

--
-- Name: COLUMN execution_detections.confidence; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.confidence IS 'The box''s confidence, 0..1, as the service gave it.';

--
-- Name: COLUMN execution_detections.x1; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.x1 IS 'Box left, pixels of the service''s image (execution_analysis.image_width).';

--
-- Name: COLUMN execution_detections.y1; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.y1 IS 'Box top, pixels.';

--
-- Name: COLUMN execution_detections.x2; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.x2 IS 'Box right, pixels.';

--
-- Name: COLUMN execution_detections.y2; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_detections.y2 IS 'Box bottom, pixels.';

--
-- Name: execution_notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.execution_notifications (
    execution_id bigint NOT NULL,
    telegram_sent boolean,
    telegram_message_id bigint,
    telegram_chat_id text,
    telegram_error text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    extracted_at timestamp with time zone GENERATED ALWAYS AS (updated_at) STORED,
    telegram_sent_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT execution_notifications_message_check CHECK (((telegram_message_id IS NULL) OR telegram_sent))
);

--
-- Name: TABLE execution_notifications; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.execution_notifications IS 'The Telegram alert of an execution. telegram_sent: true (Telegram said ok), false (the workflow has a Telegram node that did not run or failed), NULL (the workflow has no Telegram node).';

--
-- Name: COLUMN execution_notifications.telegram_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_notifications.telegram_error IS 'The Telegram node''s error when it failed.';

--
-- Name: COLUMN execution_notifications.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_notifications.updated_at IS 'When Stage 2 last changed the Telegram facts.';

--
-- Name: COLUMN execution_notifications.extracted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_notifications.extracted_at IS 'The same as updated_at (generated), under the name sai-etl used first.';

--
-- Name: COLUMN execution_notifications.telegram_sent_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_notifications.telegram_sent_at IS 'When Telegram says it sent the alert (its message date); NULL when not sent or not said.';

--
-- Name: COLUMN execution_notifications.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.execution_notifications.created_at IS 'When Stage 2 first recorded the Telegram facts.';

--
-- Name: yoyo_lock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.yoyo_lock (
    locked integer DEFAULT 1 NOT NULL,
    ctime timestamp without time zone,
    pid integer NOT NULL
);

--
-- Name: _yoyo_log _yoyo_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._yoyo_log
    ADD CONSTRAINT _yoyo_log_pkey PRIMARY KEY (id);

--
-- Name: _yoyo_migration _yoyo_migration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._yoyo_migration
    ADD CONSTRAINT _yoyo_migration_pkey PRIMARY KEY (migration_hash);

--
-- Name: _yoyo_version _yoyo_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._yoyo_version
    ADD CONSTRAINT _yoyo_version_pkey PRIMARY KEY (version);

--
-- Name: etl_counters etl_counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_counters
    ADD CONSTRAINT etl_counters_pkey PRIMARY KEY (name);

--
-- Name: etl_data_quality_counts etl_data_quality_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_data_quality_counts
    ADD CONSTRAINT etl_data_quality_counts_pkey PRIMARY KEY (day, field);

--
-- Name: etl_data_quality_days etl_data_quality_days_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_data_quality_days
    ADD CONSTRAINT etl_data_quality_days_pkey PRIMARY KEY (day);

--
-- Name: etl_image_stores etl_image_stores_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_image_stores
    ADD CONSTRAINT etl_image_stores_pkey PRIMARY KEY (host, root);

--
-- Name: etl_maintenance etl_maintenance_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_maintenance
    ADD CONSTRAINT etl_maintenance_pkey PRIMARY KEY (job);

--
-- Name: etl_node_overrides etl_node_overrides_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_node_overrides
    ADD CONSTRAINT etl_node_overrides_pkey PRIMARY KEY (workflow_id, role);

--
-- Name: etl_processing_queue etl_processing_queue_execution_stage_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_processing_queue
    ADD CONSTRAINT etl_processing_queue_execution_stage_key UNIQUE (execution_id, stage);

--
-- Name: etl_processing_queue etl_processing_queue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_processing_queue
    ADD CONSTRAINT etl_processing_queue_pkey PRIMARY KEY (id);

--
-- Name: etl_reconcile_mark etl_reconcile_mark_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_reconcile_mark
    ADD CONSTRAINT etl_reconcile_mark_pkey PRIMARY KEY (singleton);

--
-- Name: etl_runner_heartbeats etl_runner_heartbeats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_runner_heartbeats
    ADD CONSTRAINT etl_runner_heartbeats_pkey PRIMARY KEY (worker);

--
-- Name: etl_settings etl_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_settings
    ADD CONSTRAINT etl_settings_pkey PRIMARY KEY (key);

--
-- Name: etl_sweep_runs etl_sweep_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_sweep_runs
    ADD CONSTRAINT etl_sweep_runs_pkey PRIMARY KEY (id);

--
-- Name: execution_analysis execution_analysis_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_analysis
    ADD CONSTRAINT execution_analysis_pkey PRIMARY KEY (execution_id);

--
-- Name: execution_detections execution_detections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_detections
    ADD CONSTRAINT execution_detections_pkey PRIMARY KEY (execution_id, ordinal);

--
-- Name: execution_images execution_images_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_images
    ADD CONSTRAINT execution_images_pkey PRIMARY KEY (execution_id);

--
-- Name: execution_notifications execution_notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_notifications
    ADD CONSTRAINT execution_notifications_pkey PRIMARY KEY (execution_id);

--
-- Name: executions executions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.executions
    ADD CONSTRAINT executions_pkey PRIMARY KEY (id);

--
-- Name: yoyo_lock yoyo_lock_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.yoyo_lock
    ADD CONSTRAINT yoyo_lock_pkey PRIMARY KEY (locked);

--
-- Name: etl_processing_queue_completed_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX etl_processing_queue_completed_at_idx ON public.etl_processing_queue USING btree (completed_at) WHERE (status = 'completed'::text);

--
-- Name: etl_processing_queue_finished_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX etl_processing_queue_finished_idx ON public.etl_processing_queue USING btree (completed_at) WHERE (status = ANY (ARRAY['failed'::text, 'skipped'::text]));

--
-- Name: etl_processing_queue_lease_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX etl_processing_queue_lease_idx ON public.etl_processing_queue USING btree (locked_until) WHERE (status = 'processing'::text);

--
-- Name: etl_processing_queue_ready_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX etl_processing_queue_ready_idx ON public.etl_processing_queue USING btree (priority, next_attempt_at, id) WHERE (status = 'pending'::text);

--
-- Name: etl_sweep_runs_started_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX etl_sweep_runs_started_at_idx ON public.etl_sweep_runs USING btree (started_at);

--
-- Name: execution_analysis_alert_level_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX execution_analysis_alert_level_idx ON public.execution_analysis USING btree (alert_level);

--
-- Name: execution_detections_class_confidence_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX execution_detections_class_confidence_idx ON public.execution_detections USING btree (class_name, confidence);

--
-- Name: execution_images_derived_kept_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX execution_images_derived_kept_idx ON public.execution_images USING btree (extracted_at, execution_id) WHERE (valid AND (derived_pruned_at IS NULL));

--
-- Name: execution_images_original_kept_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX execution_images_original_kept_idx ON public.execution_images USING btree (extracted_at, execution_id) WHERE (valid AND (original_pruned_at IS NULL));

--
-- Name: executions_completion_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX executions_completion_timestamp_idx ON public.executions USING btree (completion_timestamp);

--
-- Name: executions_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX executions_created_at_idx ON public.executions USING btree (created_at);

--
-- Name: execution_images etl_count_image_bytes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER etl_count_image_bytes AFTER INSERT ON public.execution_images REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.etl_count_image_bytes();

--
-- Name: TRIGGER etl_count_image_bytes ON execution_images; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER etl_count_image_bytes ON public.execution_images IS 'Counts the bytes of stored originals into etl_counters (etl_count_image_bytes).';

--
-- Name: etl_processing_queue etl_count_queue_inserted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER etl_count_queue_inserted AFTER INSERT ON public.etl_processing_queue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.etl_count_queue_outcomes();

--
-- Name: TRIGGER etl_count_queue_inserted ON etl_processing_queue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER etl_count_queue_inserted ON public.etl_processing_queue IS 'Counts items inserted in a final state into etl_counters (etl_count_queue_outcomes).';

--
-- Name: etl_processing_queue etl_count_queue_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER etl_count_queue_updated AFTER UPDATE ON public.etl_processing_queue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.etl_count_queue_outcomes();

--
-- Name: TRIGGER etl_count_queue_updated ON etl_processing_queue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER etl_count_queue_updated ON public.etl_processing_queue IS 'Counts queue outcomes into etl_counters (etl_count_queue_outcomes).';

--
-- Name: execution_analysis etl_detections_inserted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER etl_detections_inserted AFTER INSERT ON public.execution_analysis REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.etl_detections_sync();

--
-- Name: TRIGGER etl_detections_inserted ON execution_analysis; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER etl_detections_inserted ON public.execution_analysis IS 'Writes the boxes of new analyses into execution_detections (etl_detections_sync).';

--
-- Name: execution_analysis etl_detections_updated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER etl_detections_updated AFTER UPDATE ON public.execution_analysis REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.etl_detections_sync();

--
-- Name: TRIGGER etl_detections_updated ON execution_analysis; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TRIGGER etl_detections_updated ON public.execution_analysis IS 'Rewrites the boxes of analyses whose detections changed (etl_detections_sync).';

--
-- Name: etl_data_quality_counts etl_data_quality_counts_day_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_data_quality_counts
    ADD CONSTRAINT etl_data_quality_counts_day_fkey FOREIGN KEY (day) REFERENCES public.etl_data_quality_days(day) ON DELETE CASCADE;

--
-- Name: etl_processing_queue etl_processing_queue_execution_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.etl_processing_queue
    ADD CONSTRAINT etl_processing_queue_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.executions(id) ON DELETE CASCADE;

--
-- Name: execution_analysis execution_analysis_execution_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_analysis
    ADD CONSTRAINT execution_analysis_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.executions(id) ON DELETE CASCADE;

--
-- Name: execution_detections execution_detections_execution_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_detections
    ADD CONSTRAINT execution_detections_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.execution_analysis(execution_id) ON DELETE CASCADE;

--
-- Name: execution_images execution_images_execution_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_images
    ADD CONSTRAINT execution_images_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.executions(id) ON DELETE CASCADE;

--
-- Name: execution_notifications execution_notifications_execution_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.execution_notifications
    ADD CONSTRAINT execution_notifications_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.executions(id) ON DELETE CASCADE;

--
-- Name: FUNCTION etl_n8n_link_health(p_window interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_n8n_link_health(p_window interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_n8n_link_health(p_window interval) TO sai_etl_runner;

--
-- Name: FUNCTION etl_xmin_horizon(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_xmin_horizon() FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_xmin_horizon() TO sai_etl_runner;

--
-- Name: TABLE etl_pipeline_health; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_pipeline_health TO sai_etl_runner;

--
-- Name: TABLE etl_queue_health; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_queue_health TO sai_etl_runner;

--
-- Name: FUNCTION etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health) TO sai_etl_runner;

--
-- Name: FUNCTION etl_analysis_facts(p_doc jsonb, p_node text, OUT risk_level text, OUT confidence_score numeric, OUT analysis_text text, OUT model_version text, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT processing_time_ms bigint, OUT raw_response jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_analysis_facts(p_doc jsonb, p_node text, OUT risk_level text, OUT confidence_score numeric, OUT analysis_text text, OUT model_version text, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT processing_time_ms bigint, OUT raw_response jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_camera_ids(p_doc jsonb, p_item_path text[], OUT node_id text, OUT camera_id text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_camera_ids(p_doc jsonb, p_item_path text[], OUT node_id text, OUT camera_id text) FROM PUBLIC;

--
-- Name: FUNCTION etl_claim(p_worker text, p_batch integer, p_lease_seconds double precision); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_claim(p_worker text, p_batch integer, p_lease_seconds double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_claim(p_worker text, p_batch integer, p_lease_seconds double precision) TO sai_etl_runner;

--
-- Name: FUNCTION etl_claim_charge(p_worker text, p_batch integer, p_lease_seconds double precision); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_claim_charge(p_worker text, p_batch integer, p_lease_seconds double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_claim_charge(p_worker text, p_batch integer, p_lease_seconds double precision) TO sai_etl_runner;

--
-- Name: FUNCTION etl_claim_refund(p_worker text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_claim_refund(p_worker text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_claim_refund(p_worker text) TO sai_etl_runner;

--
-- Name: FUNCTION etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_complete(p_queue_id bigint, p_claim_token uuid, p_image jsonb) TO sai_etl_runner;

--
-- Name: FUNCTION etl_count_image_bytes(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_count_image_bytes() FROM PUBLIC;

--
-- Name: FUNCTION etl_count_n8n_finished(p_since timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_count_n8n_finished(p_since timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_count_n8n_finished(p_since timestamp with time zone) TO sai_etl_runner;

--
-- Name: FUNCTION etl_count_queue_outcomes(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_count_queue_outcomes() FROM PUBLIC;

--
-- Name: FUNCTION etl_data_quality_of_day(p_day date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_data_quality_of_day(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_data_quality_of_day(p_day date) TO sai_etl_runner;

--
-- Name: FUNCTION etl_defer_delay(p_deferrals integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_defer_delay(p_deferrals integer) FROM PUBLIC;

--
-- Name: FUNCTION etl_detection_rows(p_detections jsonb, OUT ordinal integer, OUT class_name text, OUT class_id integer, OUT confidence numeric, OUT x1 numeric, OUT y1 numeric, OUT x2 numeric, OUT y2 numeric); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_detection_rows(p_detections jsonb, OUT ordinal integer, OUT class_name text, OUT class_id integer, OUT confidence numeric, OUT x1 numeric, OUT y1 numeric, OUT x2 numeric, OUT y2 numeric) FROM PUBLIC;

--
-- Name: FUNCTION etl_detections_sync(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_detections_sync() FROM PUBLIC;

--
-- Name: FUNCTION etl_execution_recovered(p_doc jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_execution_recovered(p_doc jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_execution_status(p_execution_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_execution_status(p_execution_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_execution_status(p_execution_id bigint) TO sai_etl_runner;

--
-- Name: FUNCTION etl_execution_stored_at(p_execution_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_execution_stored_at(p_execution_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION etl_execution_timing(p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, OUT execution_timestamp timestamp with time zone, OUT completion_timestamp timestamp with time zone, OUT duration_ms bigint, OUT timing_complete boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_execution_timing(p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, OUT execution_timestamp timestamp with time zone, OUT completion_timestamp timestamp with time zone, OUT duration_ms bigint, OUT timing_complete boolean) FROM PUBLIC;

--
-- Name: FUNCTION etl_extract_bundle(p_execution_id bigint, p_bundle text, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_extract_bundle(p_execution_id bigint, p_bundle text, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) FROM PUBLIC;

--
-- Name: FUNCTION etl_extract_claimed_bundle(p_queue_id bigint, p_claim_token uuid, p_bundle text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_extract_claimed_bundle(p_queue_id bigint, p_claim_token uuid, p_bundle text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_extract_claimed_bundle(p_queue_id bigint, p_claim_token uuid, p_bundle text) TO sai_etl_runner;

--
-- Name: FUNCTION etl_extract_execution(p_execution_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_extract_execution(p_execution_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION etl_extract_facts(p_execution_id bigint, p_workflow_id text, p_workflow_data jsonb, p_doc jsonb, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_extract_facts(p_execution_id bigint, p_workflow_id text, p_workflow_data jsonb, p_doc jsonb, OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) FROM PUBLIC;

--
-- Name: FUNCTION etl_fail(p_queue_id bigint, p_claim_token uuid, p_error text, p_retry boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_fail(p_queue_id bigint, p_claim_token uuid, p_error text, p_retry boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_fail(p_queue_id bigint, p_claim_token uuid, p_error text, p_retry boolean) TO sai_etl_runner;

--
-- Name: FUNCTION etl_flatted_decode(p_doc jsonb, p_path text[], p_max_depth integer, p_max_nodes integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_flatted_decode(p_doc jsonb, p_path text[], p_max_depth integer, p_max_nodes integer) FROM PUBLIC;

--
-- Name: FUNCTION etl_flatted_locate(p_doc jsonb, p_path text[], OUT element integer, OUT node jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_flatted_locate(p_doc jsonb, p_path text[], OUT element integer, OUT node jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_flatted_node(p_doc jsonb, p_path text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_flatted_node(p_doc jsonb, p_path text[]) FROM PUBLIC;

--
-- Name: FUNCTION etl_flatted_parse(p_data text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_flatted_parse(p_data text) FROM PUBLIC;

--
-- Name: FUNCTION etl_flatted_ref(p_doc jsonb, p_ref jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_flatted_ref(p_doc jsonb, p_ref jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_forget_analysis(p_execution_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_forget_analysis(p_execution_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION etl_health_json(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_health_json() FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_health_json() TO sai_etl_runner;

--
-- Name: FUNCTION etl_heartbeat(p_worker text, p_status text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_heartbeat(p_worker text, p_status text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_heartbeat(p_worker text, p_status text) TO sai_etl_runner;

--
-- Name: FUNCTION etl_image_files(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_image_files() FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_image_files() TO sai_etl_runner;

--
-- Name: FUNCTION etl_image_locator(p_doc jsonb, p_item_path text[], OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_image_locator(p_doc jsonb, p_item_path text[], OUT image_source text, OUT image_base64 text, OUT image_path text, OUT image_bytes bytea, OUT image_mime_type text, OUT image_file_name text, OUT reason text) FROM PUBLIC;

--
-- Name: FUNCTION etl_image_prune_candidates(p_kind text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_image_prune_candidates(p_kind text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_image_prune_candidates(p_kind text) TO sai_etl_runner;

--
-- Name: FUNCTION etl_ingest_execution(p_id bigint, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text, p_priority integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_ingest_execution(p_id bigint, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text, p_priority integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_ingest_execution(p_id bigint, p_workflow_id text, p_status text, p_mode text, p_retry_of text, p_created_at timestamp with time zone, p_started_at timestamp with time zone, p_stopped_at timestamp with time zone, p_source text, p_priority integer) TO sai_etl_ingest;

--
-- Name: FUNCTION etl_ingest_from_n8n(p_since timestamp with time zone, p_after_id bigint, p_limit integer, p_source text, p_priority integer, OUT scanned integer, OUT ingested integer, OUT last_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_ingest_from_n8n(p_since timestamp with time zone, p_after_id bigint, p_limit integer, p_source text, p_priority integer, OUT scanned integer, OUT ingested integer, OUT last_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_ingest_from_n8n(p_since timestamp with time zone, p_after_id bigint, p_limit integer, p_source text, p_priority integer, OUT scanned integer, OUT ingested integer, OUT last_id bigint) TO sai_etl_runner;

--
-- Name: FUNCTION etl_json_number(p_value jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_json_number(p_value jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_maintenance(OUT pruned integer, OUT quality_days integer, OUT heartbeats_pruned integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_maintenance(OUT pruned integer, OUT quality_days integer, OUT heartbeats_pruned integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_maintenance(OUT pruned integer, OUT quality_days integer, OUT heartbeats_pruned integer) TO sai_etl_runner;

--
-- Name: FUNCTION etl_mark_images_pruned(p_kind text, p_execution_ids bigint[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_mark_images_pruned(p_kind text, p_execution_ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_mark_images_pruned(p_kind text, p_execution_ids bigint[]) TO sai_etl_runner;

--
-- Name: FUNCTION etl_next_ready_in(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_next_ready_in() FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_next_ready_in() TO sai_etl_runner;

--
-- Name: FUNCTION etl_node_run(p_doc jsonb, p_node text, OUT ran boolean, OUT failed boolean, OUT run_path text[], OUT item_path text[], OUT recovered boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_node_run(p_doc jsonb, p_node text, OUT ran boolean, OUT failed boolean, OUT run_path text[], OUT item_path text[], OUT recovered boolean) FROM PUBLIC;

--
-- Name: FUNCTION etl_notification_facts(p_doc jsonb, p_node text, OUT telegram_sent boolean, OUT telegram_message_id bigint, OUT telegram_chat_id text, OUT telegram_error text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_notification_facts(p_doc jsonb, p_node text, OUT telegram_sent boolean, OUT telegram_message_id bigint, OUT telegram_chat_id text, OUT telegram_error text) FROM PUBLIC;

--
-- Name: FUNCTION etl_notify_stage2(p_execution_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_notify_stage2(p_execution_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_analysis(p_response text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_analysis(p_response text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_analysis_rules(p_response text, OUT risk_level text, OUT risk_rule text, OUT confidence_score numeric, OUT confidence_rule text, OUT smoke_detected boolean, OUT smoke_rule text, OUT flame_detected boolean, OUT flame_rule text, OUT heat_signature_detected boolean, OUT heat_rule text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_analysis_rules(p_response text, OUT risk_level text, OUT risk_rule text, OUT confidence_score numeric, OUT confidence_rule text, OUT smoke_detected boolean, OUT smoke_rule text, OUT flame_detected boolean, OUT flame_rule text, OUT heat_signature_detected boolean, OUT heat_rule text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_assertions(p_tokens text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_assertions(p_tokens text[]) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_confidence(p_value text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_confidence(p_value text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_flag(p_value jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_flag(p_value jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_flag_probability(p_value jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_flag_probability(p_value jsonb) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_fold(p_text text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_fold(p_text text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_json_facts(p_object jsonb, OUT risk_level text, OUT confidence_score numeric, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT facts_named integer, OUT risk_rule text, OUT confidence_rule text, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_json_facts(p_object jsonb, OUT risk_level text, OUT confidence_score numeric, OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT facts_named integer, OUT risk_rule text, OUT confidence_rule text, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_json_key(p_key text, p_parent text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_json_key(p_key text, p_parent text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_json_object(p_response text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_json_object(p_response text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_json_valid(p_text text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_json_valid(p_text text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_risk_denied(p_tokens text[], p_at integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_risk_denied(p_tokens text[], p_at integer) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_risk_level(p_value text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_risk_level(p_value text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_risk_of_other(p_tokens text[], p_label integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_risk_of_other(p_tokens text[], p_label integer) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_text_confidence(p_tokens text[], OUT confidence_score numeric, OUT rule text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_text_confidence(p_tokens text[], OUT confidence_score numeric, OUT rule text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_text_detections(p_tokens text[], OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_text_detections(p_tokens text[], OUT smoke_detected boolean, OUT flame_detected boolean, OUT heat_signature_detected boolean, OUT smoke_rule text, OUT flame_rule text, OUT heat_rule text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_text_risk_level(p_tokens text[], OUT risk_level text, OUT rule text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_text_risk_level(p_tokens text[], OUT risk_level text, OUT rule text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_tokens(p_response text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_tokens(p_response text) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_weather_near(p_tokens text[], p_at integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_weather_near(p_tokens text[], p_at integer) FROM PUBLIC;

--
-- Name: FUNCTION etl_parse_word_kinds(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_parse_word_kinds() FROM PUBLIC;

--
-- Name: FUNCTION etl_prune_queue(p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_prune_queue(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_prune_queue(p_limit integer) TO sai_etl_runner;

--
-- Name: FUNCTION etl_reap_expired_leases(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_reap_expired_leases() FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_reap_expired_leases() TO sai_etl_runner;

--
-- Name: FUNCTION etl_reconcile(p_window interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_reconcile(p_window interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_reconcile(p_window interval) TO sai_etl_runner;

--
-- Name: FUNCTION etl_record_image_store(p_host text, p_root text, p_free_bytes bigint, p_total_bytes bigint, p_used_bytes bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_record_image_store(p_host text, p_root text, p_free_bytes bigint, p_total_bytes bigint, p_used_bytes bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_record_image_store(p_host text, p_root text, p_free_bytes bigint, p_total_bytes bigint, p_used_bytes bigint) TO sai_etl_runner;

--
-- Name: FUNCTION etl_refresh_data_quality(p_max_days integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_refresh_data_quality(p_max_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_refresh_data_quality(p_max_days integer) TO sai_etl_runner;

--
-- Name: FUNCTION etl_release(p_queue_ids bigint[], p_claim_tokens uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_release(p_queue_ids bigint[], p_claim_tokens uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_release(p_queue_ids bigint[], p_claim_tokens uuid[]) TO sai_etl_runner;

--
-- Name: FUNCTION etl_renew_leases(p_queue_ids bigint[], p_claim_tokens uuid[], p_lease_seconds double precision); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_renew_leases(p_queue_ids bigint[], p_claim_tokens uuid[], p_lease_seconds double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_renew_leases(p_queue_ids bigint[], p_claim_tokens uuid[], p_lease_seconds double precision) TO sai_etl_runner;

--
-- Name: FUNCTION etl_reprocess(p_since timestamp with time zone, p_execution_ids bigint[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_reprocess(p_since timestamp with time zone, p_execution_ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_reprocess(p_since timestamp with time zone, p_execution_ids bigint[]) TO sai_etl_runner;

--
-- Name: FUNCTION etl_reprocess_preview(p_since timestamp with time zone, p_execution_ids bigint[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_reprocess_preview(p_since timestamp with time zone, p_execution_ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_reprocess_preview(p_since timestamp with time zone, p_execution_ids bigint[]) TO sai_etl_runner;

--
-- Name: FUNCTION etl_retry(p_status text, p_execution_ids bigint[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_retry(p_status text, p_execution_ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_retry(p_status text, p_execution_ids bigint[]) TO sai_etl_runner;

--
-- Name: FUNCTION etl_retry_delay(p_attempts integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_retry_delay(p_attempts integer) FROM PUBLIC;

--
-- Name: FUNCTION etl_retry_of(p_retry_of text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_retry_of(p_retry_of text) FROM PUBLIC;

--
-- Name: FUNCTION etl_retry_preview(p_status text, p_execution_ids bigint[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_retry_preview(p_status text, p_execution_ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_retry_preview(p_status text, p_execution_ids bigint[]) TO sai_etl_runner;

--
-- Name: FUNCTION etl_runner_pause(p_worker text, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_runner_pause(p_worker text, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_runner_pause(p_worker text, p_reason text) TO sai_etl_runner;

--
-- Name: FUNCTION etl_setting(p_key text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_setting(p_key text) FROM PUBLIC;

--
-- Name: FUNCTION etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_skip(p_queue_id bigint, p_claim_token uuid, p_reason text) TO sai_etl_runner;

--
-- Name: FUNCTION etl_source_outcome(p_workflow_id text, p_n8n_status text, p_n8n_workflow_id text, p_has_data boolean, OUT outcome text, OUT reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_source_outcome(p_workflow_id text, p_n8n_status text, p_n8n_workflow_id text, p_has_data boolean, OUT outcome text, OUT reason text) FROM PUBLIC;

--
-- Name: FUNCTION etl_sweep(p_outbox_drained integer, p_window interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_sweep(p_outbox_drained integer, p_window interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.etl_sweep(p_outbox_drained integer, p_window interval) TO sai_etl_runner;

--
-- Name: FUNCTION etl_webhook_item(p_doc jsonb, p_node text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_webhook_item(p_doc jsonb, p_node text) FROM PUBLIC;

--
-- Name: FUNCTION etl_workflow_nodes(p_workflow_id text, p_workflow_data jsonb, OUT webhook_node text, OUT analysis_node text, OUT telegram_node text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.etl_workflow_nodes(p_workflow_id text, p_workflow_data jsonb, OUT webhook_node text, OUT analysis_node text, OUT telegram_node text) FROM PUBLIC;

--
-- Name: TABLE etl_alert_checks; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_alert_checks TO sai_etl_runner;

--
-- Name: TABLE etl_alerts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_alerts TO sai_etl_runner;

--
-- Name: TABLE etl_data_quality; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_data_quality TO sai_etl_runner;

--
-- Name: TABLE etl_data_quality_daily; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_data_quality_daily TO sai_etl_runner;

--
-- Name: TABLE etl_failed_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_failed_items TO sai_etl_runner;

--
-- Name: TABLE etl_image_health; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.etl_image_health TO sai_etl_runner;
