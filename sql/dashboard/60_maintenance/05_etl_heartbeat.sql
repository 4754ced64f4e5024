-- etl_heartbeat: a runner says it is alive (health's `runner silent` alert reads it).

CREATE OR REPLACE FUNCTION public.etl_heartbeat(p_worker text, p_status text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
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

COMMENT ON FUNCTION public.etl_heartbeat(text, text) IS
'Records that runner p_worker (host:pid) is alive now, with what it is doing (p_status, free text). '
'The runner calls it once per loop; health fires runner_silent when no runner has called it for '
'alert_runner_silent.';

REVOKE ALL ON FUNCTION public.etl_heartbeat(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_heartbeat(text, text) TO sai_etl_runner;
