-- sai_etl.link_connect: this backend's dblink connection to the dashboard, bounded.

CREATE OR REPLACE FUNCTION sai_etl.link_connect()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, sai_etl, pg_temp
AS $$
BEGIN
    -- One connection per backend, opened on first use and kept: a connect per execution would
    -- cost more than the whole delivery.
    IF coalesce('sai_etl' = ANY (dblink_get_connections()), false) THEN
        RETURN;
    END IF;
    PERFORM dblink_connect('sai_etl', 'sai_dashboard');
    -- n8n waits for every call inside its own commit: a dashboard that is slow (a held lock, an
    -- I/O stall) must fail fast into the outbox, not hold n8n. Integers only reach the text.
    PERFORM dblink_exec('sai_etl', format(
        'SET statement_timeout = %s; SET lock_timeout = %s',
        coalesce(sai_etl.setting('link_statement_timeout_ms')::integer, 250),
        coalesce(sai_etl.setting('link_lock_timeout_ms')::integer, 100)
    ));
END
$$;

COMMENT ON FUNCTION sai_etl.link_connect() IS
'Opens dblink connection "sai_etl" to server sai_dashboard unless this backend has it, with the '
'settings link_statement_timeout_ms and link_lock_timeout_ms as its statement and lock timeouts '
'(read when the connection opens). Raises on failure.';

REVOKE ALL ON FUNCTION sai_etl.link_connect() FROM PUBLIC;
