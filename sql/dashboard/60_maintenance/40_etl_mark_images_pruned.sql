-- etl_mark_images_pruned: the rows of images whose files retention removed.

CREATE OR REPLACE FUNCTION public.etl_mark_images_pruned(p_kind text, p_execution_ids bigint[])
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_count integer;
    v_bytes bigint := 0;
BEGIN
    IF p_kind = 'original' THEN
        WITH marked AS (
            UPDATE public.execution_images AS i SET original_pruned_at = now()
            WHERE i.execution_id = ANY(p_execution_ids) AND i.original_pruned_at IS NULL
            RETURNING i.size_bytes
        )
        SELECT count(*), coalesce(sum(m.size_bytes), 0) INTO v_count, v_bytes FROM marked AS m;
    ELSIF p_kind = 'derived' THEN
        UPDATE public.execution_images AS i SET derived_pruned_at = now()
        WHERE i.execution_id = ANY(p_execution_ids) AND i.derived_pruned_at IS NULL;
        GET DIAGNOSTICS v_count = ROW_COUNT;
    ELSE
        RAISE EXCEPTION 'etl_mark_images_pruned: kind must be original or derived, not %', p_kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    INSERT INTO public.etl_maintenance AS m (job, last_started_at, last_finished_at, last_count, total_count, runs)
    VALUES
    (CASE p_kind WHEN 'original' THEN 'prune_originals' ELSE 'prune_derived' END,
     v_started, clock_timestamp(), v_count, v_count, 1),
    ('pruned_bytes', v_started, clock_timestamp(), v_bytes, v_bytes, 1)
    ON CONFLICT (job) DO UPDATE SET
        last_started_at = excluded.last_started_at,
        last_finished_at = excluded.last_finished_at,
        last_count = excluded.last_count,
        total_count = m.total_count + excluded.last_count,
        runs = m.runs + 1;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION public.etl_mark_images_pruned(text, bigint[]) IS
'Marks the images of p_execution_ids whose p_kind files (original, or derived: thumbnail and display) '
'the runner removed: original_pruned_at / derived_pruned_at = now(); sha256, size_bytes and the paths '
'stay as history. Already marked rows are left alone. Adds to etl_maintenance (prune_originals, '
'prune_derived, and pruned_bytes: the originals'' bytes). Returns how many rows it marked.';

REVOKE ALL ON FUNCTION public.etl_mark_images_pruned(text, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_mark_images_pruned(text, bigint[]) TO sai_etl_runner;
