-- etl_setting: one tunable of the dashboard side.

CREATE OR REPLACE FUNCTION public.etl_setting(p_key text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
DECLARE
    v_value text;
BEGIN
    -- The migrations seed every setting with its default: that seed is the only place a default
    -- lives, so a missing row is an error here, never a second default in the caller.
    SELECT s.value INTO v_value FROM public.etl_settings AS s WHERE s.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'etl_setting: no setting %, the migrations seed every one', coalesce(p_key, 'NULL')
            USING ERRCODE = 'undefined_object';
    END IF;
    RETURN v_value;
END
$$;

COMMENT ON FUNCTION public.etl_setting(text) IS
'The value of one row of etl_settings (seeded with its default by the migrations). Raises 42704 when '
'the row is missing.';

REVOKE ALL ON FUNCTION public.etl_setting(text) FROM PUBLIC;
