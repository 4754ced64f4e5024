-- etl_health_json: the whole health picture as one JSON document (`sai-etl health --json`).

CREATE OR REPLACE FUNCTION public.etl_health_json()
RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION public.etl_health_json() IS
'Health as one JSON document. etl.stage1 / etl.stage2 / etl.pipeline keep the seed''s keys, over '
'health_window (etl.pipeline.window): stage1.processed = executions recorded, avgProcessingTimeMs = '
'avg Stage 1 lag; stage2.processed = items completed, avgProcessingTimeMs = their avg processing time; '
'pending_deep_extraction = items pending or processing. Then healthy (no alert firing), alerts (firing), '
'alert_checks (all), queue_health, pipeline_health, data_quality (overall), failed_items (newest 20), '
'runners (heartbeats), counters (etl_counters: totals that only grow), images (etl_image_health) and image_stores (etl_image_stores).';

REVOKE ALL ON FUNCTION public.etl_health_json() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_health_json() TO sai_etl_runner;
