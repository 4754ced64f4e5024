-- etl_notify_stage2: wake the runners, the one place that names the channel.

CREATE OR REPLACE FUNCTION public.etl_notify_stage2(p_execution_id bigint DEFAULT NULL)
RETURNS void
LANGUAGE sql
VOLATILE
SET search_path = pg_catalog
AS $$
    SELECT pg_notify('sai_etl_stage2', coalesce(p_execution_id::text, ''))
$$;

COMMENT ON FUNCTION public.etl_notify_stage2(bigint) IS
'NOTIFY sai_etl_stage2 (the channel the runner LISTENs on: runner/sai_etl/runner/claims.py CHANNEL), '
'delivered at commit: Stage 2 work is ready. Payload: the execution id, or empty for a batch.';

REVOKE ALL ON FUNCTION public.etl_notify_stage2(bigint) FROM PUBLIC;
