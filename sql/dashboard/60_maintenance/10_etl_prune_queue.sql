-- etl_prune_queue: retention of the Stage 2 queue, so the table stays small.

CREATE OR REPLACE FUNCTION public.etl_prune_queue(p_limit integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_cutoff timestamptz := now() - public.etl_setting('queue_retention')::interval;
    v_count integer;
BEGIN
    -- Oldest first through the partial index on completed_at; failed and skipped items stay, they
    -- wait for a person (`sai-etl retry`).
    DELETE FROM public.etl_processing_queue AS q
    WHERE q.id IN (
        SELECT c.id FROM public.etl_processing_queue AS c
        WHERE c.status = 'completed' AND c.completed_at < v_cutoff
        ORDER BY c.completed_at
        LIMIT coalesce(p_limit, public.etl_setting('prune_batch')::integer)
        FOR UPDATE SKIP LOCKED
    );
    GET DIAGNOSTICS v_count = ROW_COUNT;

    INSERT INTO public.etl_maintenance AS m (job, last_started_at, last_finished_at, last_count, total_count, runs)
    VALUES ('prune_queue', v_started, clock_timestamp(), v_count, v_count, 1)
    ON CONFLICT (job) DO UPDATE SET
        last_started_at = excluded.last_started_at,
        last_finished_at = excluded.last_finished_at,
        last_count = excluded.last_count,
        total_count = m.total_count + excluded.last_count,
        runs = m.runs + 1;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_prune_queue(integer) IS
'Deletes completed queue items whose completed_at is older than the queue_retention setting, oldest '
'first, at most p_limit (default setting prune_batch) per call; failed and skipped items are kept. '
'Records the run in etl_maintenance (job prune_queue). Returns how many it deleted.';

REVOKE ALL ON FUNCTION public.etl_prune_queue(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_prune_queue(integer) TO sai_etl_runner;
