-- etl_image_prune_candidates: which stored images retention removes next.

CREATE OR REPLACE FUNCTION public.etl_image_prune_candidates(p_kind text)
RETURNS TABLE (execution_id bigint, paths text[], size_bytes bigint, reason text)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_age interval;
    v_budget bigint := nullif(public.etl_setting('image_disk_budget'), 'none')::bigint;
    v_limit integer := public.etl_setting('image_prune_batch')::integer;
BEGIN
    IF p_kind = 'original' THEN
        v_age := nullif(public.etl_setting('image_retention_originals'), 'forever')::interval;
        RETURN QUERY
        WITH kept AS (
            SELECT i.execution_id, i.original_path, i.size_bytes, i.extracted_at,
                   sum(i.size_bytes) OVER (ORDER BY i.extracted_at DESC, i.execution_id DESC) AS newer_bytes
            FROM public.execution_images AS i
            WHERE i.valid AND i.original_pruned_at IS NULL
        )
        SELECT k.execution_id, ARRAY[k.original_path], k.size_bytes,
               CASE WHEN k.extracted_at < now() - v_age THEN 'age' ELSE 'budget' END
        FROM kept AS k
        WHERE k.extracted_at < now() - v_age OR k.newer_bytes > v_budget
        ORDER BY k.extracted_at, k.execution_id
        LIMIT v_limit;
    ELSIF p_kind = 'derived' THEN
        v_age := nullif(public.etl_setting('image_retention_derived'), 'forever')::interval;
        RETURN QUERY
        SELECT i.execution_id, array_remove(ARRAY[i.thumbnail_path, i.cached_path], NULL),
               NULL::bigint, 'age'
        FROM public.execution_images AS i
        WHERE i.valid AND i.derived_pruned_at IS NULL AND i.extracted_at < now() - v_age
        ORDER BY i.extracted_at, i.execution_id
        LIMIT v_limit;
    ELSE
        RAISE EXCEPTION 'etl_image_prune_candidates: kind must be original or derived, not %', p_kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

COMMENT ON FUNCTION public.etl_image_prune_candidates(text) IS
'Images whose files retention removes next, oldest first, at most image_prune_batch. p_kind original: '
'originals stored longer ago than image_retention_originals (reason age), or beyond image_disk_budget '
'bytes of kept originals counted newest first (reason budget). p_kind derived: thumbnail and display '
'variant stored longer ago than image_retention_derived. Settings forever / none: no such pruning. '
'paths are relative to the image root; size_bytes is the original''s (NULL for derived files).';

REVOKE ALL ON FUNCTION public.etl_image_prune_candidates(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_image_prune_candidates(text) TO sai_etl_runner;
