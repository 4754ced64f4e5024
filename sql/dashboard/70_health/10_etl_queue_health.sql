-- etl_queue_health: the Stage 2 queue at a glance, one row.

CREATE OR REPLACE VIEW public.etl_queue_health AS
WITH settings AS (
    -- Read as the view's owner (the runner may not call etl_setting); the migrations seed both.
    SELECT
        max(s.value) FILTER (WHERE s.key = 'health_window')::interval AS health_window,
        max(s.value) FILTER (WHERE s.key = 'queue_retention')::interval AS queue_retention
    FROM public.etl_settings AS s
    WHERE s.key IN ('health_window', 'queue_retention')
),

counts AS (
    SELECT
        count(*) FILTER (WHERE q.status = 'pending') AS pending_count,
        count(*) FILTER (WHERE q.status = 'processing') AS processing_count,
        count(*) FILTER (WHERE q.status = 'completed') AS completed_count,
        count(*) FILTER (WHERE q.status = 'failed') AS failed_count,
        round(avg(q.processing_time_ms) FILTER (WHERE q.status = 'completed'), 1) AS avg_processing_time_ms,
        max(q.processing_time_ms) FILTER (WHERE q.status = 'completed') AS max_processing_time_ms,
        min(q.created_at) FILTER (WHERE q.status = 'pending') AS oldest_pending,
        count(*) FILTER (WHERE q.status = 'failed' AND q.attempts >= q.max_attempts) AS permanently_failed,
        count(*) FILTER (WHERE q.status = 'skipped') AS skipped_count,
        count(*) FILTER (WHERE q.status = 'pending' AND q.next_attempt_at <= now()) AS ready_count,
        count(*) FILTER (WHERE q.status = 'pending' AND q.next_attempt_at > now() AND q.attempts = 0) AS deferred_count,
        count(*) FILTER (WHERE q.status = 'pending' AND q.next_attempt_at > now() AND q.attempts > 0) AS retrying_count,
        count(*) FILTER (WHERE q.status = 'processing' AND q.locked_until < now()) AS expired_leases
    FROM public.etl_processing_queue AS q
),

recent AS (
    SELECT
        count(*) AS completed_in_window,
        round(avg(q.processing_time_ms), 1) AS processing_avg_in_window_ms,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY q.processing_time_ms))::numeric, 1)
            AS processing_p50_in_window_ms,
        round((percentile_cont(0.99) WITHIN GROUP (ORDER BY q.processing_time_ms))::numeric, 1)
            AS processing_p99_in_window_ms
    FROM public.etl_processing_queue AS q
    CROSS JOIN settings
    WHERE q.status = 'completed' AND q.completed_at >= now() - settings.health_window
),

failed_recent AS (
    SELECT count(*) AS failed_in_window
    FROM public.etl_processing_queue AS q
    CROSS JOIN settings
    WHERE q.status = 'failed' AND q.completed_at >= now() - settings.health_window
),

prunable AS (
    SELECT count(*) AS prunable_count
    FROM public.etl_processing_queue AS q
    CROSS JOIN settings
    WHERE q.status = 'completed' AND q.completed_at < now() - settings.queue_retention
)

SELECT
    c.pending_count,
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
    greatest(t.last_vacuum, t.last_autovacuum) AS last_vacuum,
    x.xid_age AS oldest_xmin_age,
    x.holder AS oldest_xmin_holder,
    x.since AS oldest_xmin_since,
    s.queue_retention,
    p.prunable_count,
    m.last_started_at AS last_prune_at,
    m.last_count AS last_pruned,
    m.total_count AS pruned_total
FROM counts AS c
CROSS JOIN settings AS s
CROSS JOIN recent AS r
CROSS JOIN failed_recent AS f
CROSS JOIN prunable AS p
LEFT JOIN pg_stat_user_tables AS t ON t.relid = 'public.etl_processing_queue'::regclass
LEFT JOIN public.etl_xmin_horizon() AS x ON true
LEFT JOIN public.etl_maintenance AS m ON m.job = 'prune_queue';

COMMENT ON VIEW public.etl_queue_health IS
'The Stage 2 queue in one row. The seed''s columns first (avg/max processing time over the completed '
'items still kept, see queue_retention; permanently_failed = failed after spending every attempt, '
'the rest of failed_count failed without retry), then: ready (claimable now), deferred (n8n had not '
'finished writing, no attempt spent), retrying (backoff after a failed attempt), expired leases (a '
'runner died holding them), completions, failures and processing time p50/p99 within health_window, '
'the queue table''s live and dead tuples (statistics), the oldest transaction holding back vacuum, and '
'retention: completed items past queue_retention still waiting to be pruned, the last prune.';

GRANT SELECT ON public.etl_queue_health TO sai_etl_runner;
