-- etl_pipeline_health: both stages end to end, one row.

CREATE OR REPLACE VIEW public.etl_pipeline_health AS
WITH settings AS (
    -- Read as the view's owner (the runner may not call etl_setting); the migrations seed both.
    SELECT
        max(s.value) FILTER (WHERE s.key = 'health_window')::interval AS health_window,
        max(s.value) FILTER (WHERE s.key = 'alert_runner_silent')::interval AS runner_silent
    FROM public.etl_settings AS s
    WHERE s.key IN ('health_window', 'alert_runner_silent')
),

recent_executions AS (
    -- Lag is n8n's stoppedAt to the dashboard row, for executions Stage 1 carried as they finished
    -- (not backfills) with a recorded stoppedAt.
    SELECT
        e.ingest_source,
        extract(EPOCH FROM e.created_at - e.completion_timestamp) * 1000 AS lag_ms,
        e.ingest_source <> 'backfill' AND e.timing_complete AS timed
    FROM public.executions AS e
    CROSS JOIN settings AS s
    WHERE e.created_at >= now() - s.health_window
),

stage1 AS (
    SELECT
        count(*) AS ingested,
        count(*) FILTER (WHERE r.ingest_source IN ('outbox', 'reconcile')) AS recovered,
        count(*) FILTER (WHERE r.ingest_source = 'backfill') AS backfilled,
        round(avg(r.lag_ms) FILTER (WHERE r.timed), 1) AS lag_avg_ms,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY r.lag_ms) FILTER (WHERE r.timed))::numeric, 1) AS lag_p50_ms,
        round((percentile_cont(0.99) WITHIN GROUP (ORDER BY r.lag_ms) FILTER (WHERE r.timed))::numeric, 1) AS lag_p99_ms,
        round(max(r.lag_ms) FILTER (WHERE r.timed), 1) AS lag_max_ms
    FROM recent_executions AS r
),

last_ingest AS (
    SELECT max(e.created_at) AS ingested_at
    FROM public.executions AS e
),

last_sweep AS (
    SELECT
        r.finished_at,
        r.outbox_drained,
        r.reconciled
    FROM public.etl_sweep_runs AS r
    ORDER BY r.id DESC
    LIMIT 1
),

sweeps AS (
    SELECT
        count(*) AS runs,
        coalesce(sum(r.outbox_drained + r.reconciled), 0) AS recovered
    FROM public.etl_sweep_runs AS r
    CROSS JOIN settings AS s
    WHERE r.started_at >= now() - s.health_window
),

recent_completions AS (
    -- Queued to done for executions as they arrive (backfill and reprocess run at priority 10).
    SELECT extract(EPOCH FROM q.completed_at - q.created_at) * 1000 AS latency_ms
    FROM public.etl_processing_queue AS q
    CROSS JOIN settings AS s
    WHERE q.status = 'completed' AND q.completed_at >= now() - s.health_window AND q.priority < 10
),

stage2 AS (
    SELECT
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY c.latency_ms))::numeric, 1) AS latency_p50_ms,
        round((percentile_cont(0.99) WITHIN GROUP (ORDER BY c.latency_ms))::numeric, 1) AS latency_p99_ms
    FROM recent_completions AS c
),

runners AS (
    SELECT
        count(*) FILTER (WHERE h.last_seen_at >= now() - s.runner_silent) AS alive,
        max(h.last_seen_at) AS last_heartbeat_at
    FROM public.etl_runner_heartbeats AS h
    CROSS JOIN settings AS s
)

SELECT
    s.health_window,
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
FROM settings AS s
CROSS JOIN stage1 AS st
CROSS JOIN last_ingest AS li
CROSS JOIN LATERAL public.etl_n8n_link_health(s.health_window) AS n
LEFT JOIN last_sweep AS ls ON true
CROSS JOIN sweeps AS sw
CROSS JOIN stage2 AS s2
CROSS JOIN runners AS r
LEFT JOIN public.etl_maintenance AS m ON m.job = 'data_quality';

COMMENT ON VIEW public.etl_pipeline_health IS
'Both stages in one row, over health_window: Stage 1 executions recorded (recovered = by the outbox '
'drain or the reconcile; backfilled) and lag from n8n''s stoppedAt to the dashboard row (avg, p50, p99, '
'max; live executions with a recorded stoppedAt); through the n8n link the outbox depth and oldest row '
'and the watched executions n8n finished that the dashboard lacks (n8n_reachable false and NULLs when '
'n8n cannot be read); the last sweep and what sweeps recovered; Stage 2 latency queued -> completed '
'(p50, p99; new executions, not backfills); runners seen within alert_runner_silent; when the data '
'quality rollup was last refreshed.';

GRANT SELECT ON public.etl_pipeline_health TO sai_etl_runner;
