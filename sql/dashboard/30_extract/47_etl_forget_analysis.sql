-- etl_forget_analysis: an execution has no analysis (any more); the dashboard's labels stay.

CREATE OR REPLACE FUNCTION public.etl_forget_analysis(p_execution_id bigint)
RETURNS void
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

COMMENT ON FUNCTION public.etl_forget_analysis(bigint) IS
'Removes an execution''s analysis when an extraction finds none (any more): the row goes, unless the '
'dashboard''s users labelled it; then only sai-etl''s columns become NULL (analysis_source NULL: labels '
'only) and the labels stay as they were.';

REVOKE ALL ON FUNCTION public.etl_forget_analysis(bigint) FROM PUBLIC;
