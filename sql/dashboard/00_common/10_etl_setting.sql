-- etl_setting: one tunable of the dashboard side.

CREATE OR REPLACE FUNCTION public.etl_setting(p_key text)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT value FROM public.etl_settings WHERE key = p_key
$$;

COMMENT ON FUNCTION public.etl_setting(text) IS 'The value of one row of etl_settings, or NULL.';

REVOKE ALL ON FUNCTION public.etl_setting(text) FROM PUBLIC;
