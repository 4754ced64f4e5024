-- etl_sweep: the periodic Stage 1 sweep's dashboard half, recorded for the health views.

CREATE OR REPLACE FUNCTION public.etl_sweep(p_outbox_drained integer, p_window interval DEFAULT NULL)
RETURNS public.etl_sweep_runs
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_reconciled integer := public.etl_reconcile(p_window);
    v_run public.etl_sweep_runs;
BEGIN
    INSERT INTO public.etl_sweep_runs (started_at, finished_at, outbox_drained, reconciled)
    VALUES (v_started, clock_timestamp(), coalesce(p_outbox_drained, 0), v_reconciled)
    RETURNING * INTO v_run;
    RETURN v_run;
END
$$;

COMMENT ON FUNCTION public.etl_sweep(integer, interval) IS
'Reconciles (see etl_reconcile) and records the sweep in etl_sweep_runs with p_outbox_drained, the '
'number of outbox rows the caller delivered from n8n''s side (sai_etl.drain_outbox) just before.';

REVOKE ALL ON FUNCTION public.etl_sweep(integer, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_sweep(integer, interval) TO sai_etl_runner;
