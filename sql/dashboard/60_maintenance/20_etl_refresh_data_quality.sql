-- etl_refresh_data_quality: keeps the per-day data quality rollup current, a few days per call.

CREATE OR REPLACE FUNCTION public.etl_refresh_data_quality(p_max_days integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_since timestamptz;
    v_first date;
    v_last date;
    v_day date;
    v_count integer := 0;
BEGIN
    -- Changes since the previous run, with an overlap for transactions that were still open then
    -- (their rows carry their start time). Whatever slips through is caught by the recheck.
    SELECT m.last_started_at - public.etl_setting('quality_margin')::interval
    INTO v_since
    FROM public.etl_maintenance AS m
    WHERE m.job = 'data_quality';

    -- Every day between the first and the last execution has a row (both ends come from the index).
    SELECT (min(e.completion_timestamp) AT TIME ZONE 'UTC')::date, (max(e.completion_timestamp) AT TIME ZONE 'UTC')::date
    INTO v_first, v_last
    FROM public.executions AS e;
    INSERT INTO public.etl_data_quality_days (day)
    SELECT d::date FROM generate_series(v_first::timestamp, v_last::timestamp, interval '1 day') AS d
    ON CONFLICT (day) DO NOTHING;

    IF v_since IS NOT NULL THEN
        -- Stage 1 adds executions (created_at); Stage 2 writes a day's fields when it claims or
        -- finishes an item (started_at, completed_at).
        UPDATE public.etl_data_quality_days AS d
        SET stale = true
        WHERE NOT d.stale
          AND d.day IN (
              SELECT (e.completion_timestamp AT TIME ZONE 'UTC')::date
              FROM public.executions AS e
              WHERE e.created_at >= v_since
              UNION
              SELECT (e.completion_timestamp AT TIME ZONE 'UTC')::date
              FROM public.etl_processing_queue AS q
              INNER JOIN public.executions AS e ON e.id = q.execution_id
              WHERE q.started_at >= v_since OR q.completed_at >= v_since
          );
    END IF;

    FOR v_day IN
        SELECT d.day
        FROM public.etl_data_quality_days AS d
        WHERE d.stale
           OR d.refreshed_at < now() - public.etl_setting('quality_recheck')::interval
        ORDER BY d.stale DESC, CASE WHEN d.stale THEN d.day END DESC, d.refreshed_at
        LIMIT coalesce(p_max_days, public.etl_setting('quality_days_per_run')::integer)
        FOR UPDATE SKIP LOCKED
    LOOP
        WITH counted AS MATERIALIZED (
            SELECT q.ordinal, q.field, q.executions, q.present FROM public.etl_data_quality_of_day(v_day) AS q
        ),
        saved AS (
            INSERT INTO public.etl_data_quality_counts AS c (day, field, ordinal, present)
            SELECT v_day, q.field, q.ordinal, q.present FROM counted AS q WHERE q.executions > 0
            ON CONFLICT (day, field) DO UPDATE SET ordinal = excluded.ordinal, present = excluded.present
        )
        UPDATE public.etl_data_quality_days AS d
        SET executions = (SELECT max(q.executions) FROM counted AS q), refreshed_at = now(), stale = false
        WHERE d.day = v_day;
        DELETE FROM public.etl_data_quality_counts AS c
        USING public.etl_data_quality_days AS d
        WHERE c.day = v_day AND d.day = v_day AND d.executions = 0;
        v_count := v_count + 1;
    END LOOP;

    INSERT INTO public.etl_maintenance AS m (job, last_started_at, last_finished_at, last_count, total_count, runs)
    VALUES ('data_quality', v_started, clock_timestamp(), v_count, v_count, 1)
    ON CONFLICT (job) DO UPDATE SET
        last_started_at = excluded.last_started_at,
        last_finished_at = excluded.last_finished_at,
        last_count = excluded.last_count,
        total_count = m.total_count + excluded.last_count,
        runs = m.runs + 1;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_refresh_data_quality(integer) IS
'Recomputes (etl_data_quality_of_day) up to p_max_days days of the data quality rollup (default setting '
'quality_days_per_run): first the days whose executions were ingested or went through Stage 2 since the '
'previous run (minus quality_margin) or were never computed, most recent first, then days not '
'recomputed for quality_recheck. Records the run in etl_maintenance (job data_quality). Returns the '
'number of days recomputed.';

REVOKE ALL ON FUNCTION public.etl_refresh_data_quality(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_refresh_data_quality(integer) TO sai_etl_runner;
