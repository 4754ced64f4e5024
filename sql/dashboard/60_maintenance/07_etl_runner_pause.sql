-- etl_runner_pause: a runner says it stopped claiming because of a systemic fault, or resumed.

CREATE OR REPLACE FUNCTION public.etl_runner_pause(p_worker text, p_reason text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    IF p_worker IS NULL OR p_worker = '' THEN
        RAISE EXCEPTION 'etl_runner_pause: worker name must not be empty'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO public.etl_runner_heartbeats AS h (worker, started_at, last_seen_at, paused_since, paused_reason)
    VALUES (p_worker, now(), now(), CASE WHEN p_reason IS NOT NULL THEN now() END, p_reason)
    ON CONFLICT (worker) DO UPDATE SET
        last_seen_at = excluded.last_seen_at,
        -- A pause that goes on keeps its start; a new reason is shown as it is now.
        paused_since = CASE WHEN p_reason IS NULL THEN NULL ELSE coalesce(h.paused_since, now()) END,
        paused_reason = p_reason;
END
$$;

COMMENT ON FUNCTION public.etl_runner_pause(text, text) IS
'Records that runner p_worker stopped claiming because of a systemic fault p_reason (a revoked grant, a '
'renamed n8n column or table, n8n''s storage folder unreadable), or, with p_reason NULL, that it claims '
'again. Health''s stage2_paused alert fires while a live runner is paused.';

REVOKE ALL ON FUNCTION public.etl_runner_pause(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_runner_pause(text, text) TO sai_etl_runner;
