-- etl_defer_delay: how long to wait for n8n to finish writing an execution.

CREATE OR REPLACE FUNCTION public.etl_defer_delay(p_deferrals integer)
RETURNS interval
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
    -- Usually n8n commits within milliseconds; an execution whose finish n8n rolled back may stay
    -- unfinished for long, so the wait grows to a minute and never spends an attempt.
    SELECT make_interval(secs =>
        least(coalesce(public.etl_setting('defer_seconds')::double precision, 0.5) * power(2, least(p_deferrals, 7)), 60)
    )
$$;

COMMENT ON FUNCTION public.etl_defer_delay(integer) IS
'Delay before re-checking an execution n8n has not finished writing: defer_seconds * 2^n, at most 60 s.';

REVOKE ALL ON FUNCTION public.etl_defer_delay(integer) FROM PUBLIC;
