-- etl_record_image_store: a runner reports its image root's disk figures.

CREATE OR REPLACE FUNCTION public.etl_record_image_store(
    p_host text,
    p_root text,
    p_free_bytes bigint,
    p_total_bytes bigint,
    p_used_bytes bigint DEFAULT NULL
)
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_measured timestamptz;
BEGIN
    INSERT INTO public.etl_image_stores AS s
        (host, root, measured_at, free_bytes, total_bytes, used_bytes, used_measured_at)
    VALUES (p_host, p_root, now(), p_free_bytes, p_total_bytes, p_used_bytes,
            CASE WHEN p_used_bytes IS NOT NULL THEN now() END)
    ON CONFLICT (host, root) DO UPDATE SET
        measured_at = excluded.measured_at,
        free_bytes = excluded.free_bytes,
        total_bytes = excluded.total_bytes,
        used_bytes = coalesce(excluded.used_bytes, s.used_bytes),
        used_measured_at = coalesce(excluded.used_measured_at, s.used_measured_at)
    RETURNING s.used_measured_at INTO v_measured;
    RETURN v_measured IS NULL
        OR v_measured < now() - public.etl_setting('image_measure_every')::interval;
END
$$;

COMMENT ON FUNCTION public.etl_record_image_store(text, text, bigint, bigint, bigint) IS
'Records the free and total bytes of image root p_root on host p_host and, when given, the root''s own '
'size (p_used_bytes; NULL keeps the last measurement). Returns whether the size is due to be measured '
'again (never measured, or longer ago than image_measure_every).';

REVOKE ALL ON FUNCTION public.etl_record_image_store(text, text, bigint, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_record_image_store(text, text, bigint, bigint, bigint) TO sai_etl_runner;
