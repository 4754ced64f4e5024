-- etl_retry_delay: exponential backoff with jitter for failed attempts.

CREATE OR REPLACE FUNCTION public.etl_retry_delay(p_attempts integer)
RETURNS interval
LANGUAGE sql
VOLATILE
SET search_path = pg_catalog, public, pg_temp
AS $$
    -- Full delay doubles per attempt up to the cap; the jitter (50-100 %) keeps a crowd of failed
    -- items from coming back in one wave.
    SELECT make_interval(secs =>
        least(
            public.etl_setting('retry_base_seconds')::double precision
                * power(2, greatest(p_attempts, 1) - 1),
            public.etl_setting('retry_max_seconds')::double precision
        ) * (0.5 + random() * 0.5)
    )
$$;

COMMENT ON FUNCTION public.etl_retry_delay(integer) IS
'Delay before the next attempt after p_attempts failed ones: retry_base_seconds * 2^(n-1), capped at '
'retry_max_seconds, times a random 0.5-1.0.';

REVOKE ALL ON FUNCTION public.etl_retry_delay(integer) FROM PUBLIC;
