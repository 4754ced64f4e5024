-- etl_retry_of: n8n's retryOf (text) as the execution id it names.

CREATE OR REPLACE FUNCTION public.etl_retry_of(p_retry_of text)
RETURNS bigint
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE WHEN p_retry_of ~ '^[0-9]{1,18}$' THEN p_retry_of::bigint END
$$;

COMMENT ON FUNCTION public.etl_retry_of(text) IS
'The execution id n8n''s retryOf names; NULL when it has none or holds no execution id.';

REVOKE ALL ON FUNCTION public.etl_retry_of(text) FROM PUBLIC;
