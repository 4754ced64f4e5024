-- etl_data_quality_of_day: the Stage 2 fields of one day's executions, counted.

CREATE OR REPLACE FUNCTION public.etl_data_quality_of_day(p_day date)
RETURNS TABLE (ordinal smallint, field text, executions bigint, present bigint)
LANGUAGE sql
ROWS 15
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
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

COMMENT ON FUNCTION public.etl_data_quality_of_day(date) IS
'For the executions that finished on UTC day p_day: per Stage 2 field, how many have it (not NULL). '
'analysis = the model answered (an execution_analysis row), image = a frame was found, image_valid = '
'it decoded as an image, telegram_sent = known whether Telegram was sent (NULL when the workflow has no '
'Telegram node). Reads the day''s range of executions_completion_timestamp_idx only.';

REVOKE ALL ON FUNCTION public.etl_data_quality_of_day(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_data_quality_of_day(date) TO sai_etl_runner;
