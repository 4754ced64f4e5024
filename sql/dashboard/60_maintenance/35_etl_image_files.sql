-- etl_image_files: every file the image root should hold, from execution_images.

CREATE OR REPLACE FUNCTION public.etl_image_files()
RETURNS TABLE (execution_id bigint, kind text, path text, sha256 text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT i.execution_id, f.kind, f.path, f.sha256
    FROM public.execution_images AS i
    CROSS JOIN LATERAL (
        VALUES
            ('original', i.original_path, i.sha256),
            ('thumbnail', i.thumbnail_path, NULL),
            ('display', i.display_path, NULL)
    ) AS f (kind, path, sha256)
    WHERE i.valid AND f.path IS NOT NULL
    ORDER BY f.path
$$;

COMMENT ON FUNCTION public.etl_image_files() IS
'The files under the image root that rows point to: each valid execution_images row''s original '
'(with its sha256), thumbnail and display variant, by path relative to the root (sai-etl images check).';

REVOKE ALL ON FUNCTION public.etl_image_files() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_image_files() TO sai_etl_runner;
