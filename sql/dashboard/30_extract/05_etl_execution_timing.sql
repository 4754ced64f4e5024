-- etl_execution_timing: the Stage 1 timestamps of an execution from n8n's three.

CREATE OR REPLACE FUNCTION public.etl_execution_timing(
    p_created_at timestamptz,
    p_started_at timestamptz,
    p_stopped_at timestamptz,
    OUT execution_timestamp timestamptz,
    OUT completion_timestamp timestamptz,
    OUT duration_ms bigint,
    OUT timing_complete boolean
)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
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

COMMENT ON FUNCTION public.etl_execution_timing(timestamptz, timestamptz, timestamptz) IS
'startedAt (createdAt when n8n never started the execution), stoppedAt (the latest earlier timestamp '
'when n8n recorded none), their difference in ms (NULL when the stop is before the start: clock skew), '
'and whether both were recorded in order.';

REVOKE ALL ON FUNCTION public.etl_execution_timing(timestamptz, timestamptz, timestamptz) FROM PUBLIC;
