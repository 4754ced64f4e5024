-- etl_alert_evaluate: every alert rule, in one place, against one reading of the health views.

CREATE OR REPLACE FUNCTION public.etl_alert_evaluate(q public.etl_queue_health, p public.etl_pipeline_health)
RETURNS TABLE (
    alert text,
    severity text,
    firing boolean,
    observed numeric,
    threshold numeric,
    unit text,
    message text
)
LANGUAGE sql
ROWS 11
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
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

COMMENT ON FUNCTION public.etl_alert_evaluate(public.etl_queue_health, public.etl_pipeline_health) IS
'Every alert rule against one row of etl_queue_health and one of etl_pipeline_health, thresholds from '
'etl_settings (alert_*): runner_silent (no heartbeat for alert_runner_silent, or never), stage2_paused (a live '
'runner stopped claiming because of a systemic fault, etl_runner_pause), n8n_unreachable, '
'outbox_not_draining (oldest outbox row older than alert_outbox_age), queue_backlog (pending > '
'alert_pending_max), slow_processing (avg processing in health_window > alert_avg_processing), '
'failed_increasing (items failed in health_window > alert_failed_max), stage1_lag (p99 > alert_stage1_lag), '
'vacuum_held_back (a transaction older than alert_xmin_age holds the xmin horizon), image_disk_low (an '
'image root''s file system has less free space than alert_image_free_bytes), image_root_large (an image '
'root is larger than alert_image_root_bytes, none: off). A figure that is not '
'known (nothing completed, n8n unreadable) does not fire its alert; n8n_unreachable fires instead.';

REVOKE ALL ON FUNCTION public.etl_alert_evaluate(public.etl_queue_health, public.etl_pipeline_health) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_alert_evaluate(public.etl_queue_health, public.etl_pipeline_health)
TO sai_etl_runner;
