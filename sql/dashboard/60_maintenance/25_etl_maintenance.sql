-- etl_maintenance: the housekeeping the runner's sweep runs, one session at a time.

CREATE OR REPLACE FUNCTION public.etl_maintenance(
    OUT pruned integer,
    OUT quality_days integer,
    OUT heartbeats_pruned integer
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    -- Several runners sweep; one doing the housekeeping is enough, the others return at once.
    IF NOT pg_try_advisory_xact_lock(hashtext('sai_etl.maintenance')) THEN
        RETURN;
    END IF;
    pruned := public.etl_prune_queue();
    quality_days := public.etl_refresh_data_quality();
    DELETE FROM public.etl_runner_heartbeats AS h
    WHERE h.last_seen_at < now() - public.etl_setting('queue_retention')::interval;
    GET DIAGNOSTICS heartbeats_pruned = ROW_COUNT;
END
$$;

COMMENT ON FUNCTION public.etl_maintenance() IS
'Housekeeping for the sweep: etl_prune_queue(), etl_refresh_data_quality() and deleting heartbeats of '
'runners silent for longer than queue_retention. Returns what each did; all NULL when another session '
'is doing the housekeeping right now.';

REVOKE ALL ON FUNCTION public.etl_maintenance() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_maintenance() TO sai_etl_runner;
