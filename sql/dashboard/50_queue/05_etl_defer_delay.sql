-- etl_defer_delay: how long to wait for n8n to finish writing an execution.

CREATE OR REPLACE FUNCTION public.etl_defer_delay(p_deferrals integer)
RETURNS interval
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
    -- The dashboard learns of an execution (dblink, NOTIFY) a moment before n8n's own commit
    -- makes it visible, so a fast runner often finds it not yet finished: the first re-check
    -- comes after defer_seconds / 32 (16 ms), then the wait doubles. An execution whose finish
    -- n8n rolled back may stay unfinished for long, so the wait grows to a minute; no attempt is
    -- spent.
    SELECT make_interval(secs =>
        least(
            public.etl_setting('defer_seconds')::double precision
                * power(2, least(greatest(p_deferrals, 0), 20) - 5),
            60
        )
    )
$$;

COMMENT ON FUNCTION public.etl_defer_delay(integer) IS
'Delay before re-checking an execution n8n has not finished writing, after p_deferrals earlier '
're-checks: defer_seconds * 2^(n-5) (defer_seconds/32 first, defer_seconds at the sixth), at most 60 s.';

REVOKE ALL ON FUNCTION public.etl_defer_delay(integer) FROM PUBLIC;
