-- etl_count_image_bytes: adds a stored original's bytes to etl_counters.

CREATE OR REPLACE FUNCTION public.etl_count_image_bytes()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    UPDATE public.etl_counters AS k SET value = k.value + new.size_bytes
    WHERE k.name = 'image_bytes_written' AND new.size_bytes > 0;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION public.etl_count_image_bytes() IS
'Row trigger of execution_images (insert of a valid image): adds the original''s size_bytes to the '
'image_bytes_written counter. A reprocessed image is written again, and counted again.';

REVOKE ALL ON FUNCTION public.etl_count_image_bytes() FROM PUBLIC;
