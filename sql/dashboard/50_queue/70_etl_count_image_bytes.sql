-- etl_count_image_bytes: adds the stored originals' bytes to etl_counters, once per statement:
-- a row trigger would update the one counter row once per image, and a bulk insert in one
-- transaction (a restore, a load) would walk an ever longer chain of its versions.

CREATE OR REPLACE FUNCTION public.etl_count_image_bytes()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    UPDATE public.etl_counters AS k SET value = k.value + s.bytes
    FROM (
        SELECT sum(n.size_bytes) AS bytes FROM new_rows AS n WHERE n.valid AND n.size_bytes > 0
    ) AS s
    WHERE k.name = 'image_bytes_written' AND s.bytes IS NOT NULL;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION public.etl_count_image_bytes() IS
'Statement trigger of execution_images (after insert, transition table new_rows): adds the '
'size_bytes of the valid originals inserted to the image_bytes_written counter. A reprocessed image '
'is written again, and counted again.';

REVOKE ALL ON FUNCTION public.etl_count_image_bytes() FROM PUBLIC;
