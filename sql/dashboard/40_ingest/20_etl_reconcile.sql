-- etl_reconcile: the safety net under Stage 1.

CREATE OR REPLACE FUNCTION public.etl_reconcile(p_window interval DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_since timestamptz := now() - coalesce(p_window, public.etl_setting('reconcile_window')::interval);
    v_batch integer := public.etl_setting('backfill_batch')::integer;
    v_after bigint := 0;
    v_total integer := 0;
    v_step record;
BEGIN
    LOOP
        v_step := public.etl_ingest_from_n8n(v_since, v_after, v_batch, 'reconcile', 1);
        v_total := v_total + v_step.ingested;
        EXIT WHEN v_step.scanned < v_batch;
        v_after := v_step.last_id;
    END LOOP;
    RETURN v_total;
END
$$;

COMMENT ON FUNCTION public.etl_reconcile(interval) IS
'Records every finished execution of a watched workflow that stopped within p_window (default setting '
'reconcile_window) and that the dashboard lacks, however Stage 1 missed it. Returns how many it added.';

REVOKE ALL ON FUNCTION public.etl_reconcile(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_reconcile(interval) TO sai_etl_runner;
