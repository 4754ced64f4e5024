-- etl_ingest_execution: Stage 1's one entry point into the dashboard.

CREATE OR REPLACE FUNCTION public.etl_ingest_execution(
    p_id bigint,
    p_workflow_id text,
    p_status text,
    p_mode text,
    p_retry_of text,
    p_created_at timestamptz,
    p_started_at timestamptz,
    p_stopped_at timestamptz,
    p_source text DEFAULT 'trigger',
    p_priority integer DEFAULT 1
)
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
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

COMMENT ON FUNCTION public.etl_ingest_execution(
    bigint, text, text, text, text, timestamptz, timestamptz, timestamptz, text, integer
) IS
'Stage 1: records one finished n8n execution (executions row, Stage 2 queue item at p_priority, '
'NOTIFY sai_etl_stage2). Changed facts while the item is processing mark it to run again (rerun). Idempotent: a replay with the same facts changes nothing and returns false. '
'startedAt missing -> createdAt, stoppedAt missing -> the latest earlier timestamp, timing_complete false. '
'Raises 22023 on input that is not a finished execution.';

REVOKE ALL ON FUNCTION public.etl_ingest_execution(
    bigint, text, text, text, text, timestamptz, timestamptz, timestamptz, text, integer
) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_ingest_execution(
    bigint, text, text, text, text, timestamptz, timestamptz, timestamptz, text, integer
) TO sai_etl_ingest;
