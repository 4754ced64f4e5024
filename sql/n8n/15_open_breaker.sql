-- sai_etl.open_breaker: this backend skips the dashboard for a while.

CREATE OR REPLACE FUNCTION sai_etl.open_breaker()
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
    SELECT set_config(
        'sai_etl.breaker_until',
        (clock_timestamp()
         + make_interval(secs => coalesce(sai_etl.setting('breaker_seconds'), '30')::double precision))::text,
        false
    )
$$;

COMMENT ON FUNCTION sai_etl.open_breaker() IS
'Opens this backend''s circuit breaker for setting breaker_seconds: until then sai_etl.deliver writes '
'the outbox without calling the dashboard.';

REVOKE ALL ON FUNCTION sai_etl.open_breaker() FROM PUBLIC;
