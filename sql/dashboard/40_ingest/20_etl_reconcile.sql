-- etl_reconcile: the safety net under Stage 1.

CREATE OR REPLACE FUNCTION public.etl_reconcile(p_window interval DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_window interval := coalesce(p_window, public.etl_setting('reconcile_window')::interval);
    v_settle interval := public.etl_setting('reconcile_settle')::interval;
    v_batch integer := public.etl_setting('backfill_batch')::integer;
    v_watched text[] := ARRAY(SELECT workflow_id FROM n8n.watched_workflows);
    v_mark bigint;
    v_after bigint;
    v_open bigint;
    v_settled bigint;
    v_total integer := 0;
    v_step record;
BEGIN
    -- One reconcile at a time moves the mark.
    SELECT checked_through INTO v_mark FROM public.etl_reconcile_mark FOR UPDATE;
    IF NOT FOUND THEN
        -- First run: start where the window starts, not at n8n's first execution (a backfill is
        -- never automatic). A backward scan of n8n's primary key to the first older execution.
        SELECT coalesce(max(e.id), 0) INTO v_mark
        FROM n8n.execution_entity AS e
        WHERE e."createdAt" < now() - v_window;
        -- Durable at once: a crash that lost it would start the mark again from the window.
        PERFORM set_config('synchronous_commit', 'on', true);
        INSERT INTO public.etl_reconcile_mark (checked_through) VALUES (v_mark);
    END IF;

    -- An explicit window (sai-etl sweep --window) looks back by time as well.
    IF p_window IS NOT NULL THEN
        v_after := 0;
        LOOP
            v_step := public.etl_ingest_from_n8n(now() - p_window, v_after, v_batch, 'reconcile', 1);
            v_total := v_total + v_step.ingested;
            EXIT WHEN v_step.scanned < v_batch;
            v_after := v_step.last_id;
        END LOOP;
    END IF;

    -- Everything above the mark, however old: a range of n8n's primary key, never its whole table.
    v_after := v_mark;
    LOOP
        v_step := public.etl_ingest_from_n8n('-infinity', v_after, v_batch, 'reconcile', 1);
        v_total := v_total + v_step.ingested;
        EXIT WHEN v_step.scanned < v_batch;
        v_after := v_step.last_id;
    END LOOP;

    -- The mark moves up to the first watched execution still unfinished, and never past an id
    -- younger than reconcile_settle (a concurrent insert of a lower id may not be visible yet).
    SELECT min(e.id) INTO v_open
    FROM n8n.execution_entity AS e
    WHERE e.id > v_mark
      AND e."workflowId" = ANY (v_watched)
      AND e.status NOT IN ('success', 'error', 'crashed', 'canceled')
      AND e."deletedAt" IS NULL;
    SELECT max(e.id) INTO v_settled
    FROM n8n.execution_entity AS e
    WHERE e.id > v_mark AND e."createdAt" < now() - v_settle;
    -- least() skips a NULL: no unfinished execution leaves only the settle bound.
    IF least(v_open - 1, v_settled) > v_mark AND v_settled IS NOT NULL THEN
        -- Durable before it counts: this commit flushes the WAL of every ingest it vouches for
        -- (the Stage 1 link commits asynchronously).
        PERFORM set_config('synchronous_commit', 'on', true);
        UPDATE public.etl_reconcile_mark
        SET checked_through = least(v_open - 1, v_settled), updated_at = now();
    END IF;
    RETURN v_total;
END
$$;

COMMENT ON FUNCTION public.etl_reconcile(interval) IS
'Records every finished execution of a watched workflow that the dashboard lacks, however Stage 1 '
'missed it and however old: all n8n ids above the high-water mark etl_reconcile_mark (a range of n8n''s '
'primary key), then moves the mark up to the first watched execution still unfinished or younger than '
'setting reconcile_settle. The first run starts the mark at setting reconcile_window; p_window given '
'also looks back that far by stoppedAt. Returns how many it added.';

REVOKE ALL ON FUNCTION public.etl_reconcile(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_reconcile(interval) TO sai_etl_runner;
