-- sai_etl.setting: one tunable of the n8n side.

CREATE OR REPLACE FUNCTION sai_etl.setting(p_key text)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT value FROM sai_etl.settings WHERE key = p_key
$$;

COMMENT ON FUNCTION sai_etl.setting(text) IS 'The value of one row of sai_etl.settings, or NULL.';

REVOKE ALL ON FUNCTION sai_etl.setting(text) FROM PUBLIC;
