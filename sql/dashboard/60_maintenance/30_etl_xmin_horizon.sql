-- etl_xmin_horizon: what holds back vacuum in this database (the queue's bloat depends on it).

CREATE OR REPLACE FUNCTION public.etl_xmin_horizon()
RETURNS TABLE (xid_age integer, holder text, since timestamptz)
LANGUAGE sql
ROWS 1
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
    -- Defined by the owner so other sessions' transactions are visible to the runner's role.
    SELECT h.xid_age, h.holder, h.since
    FROM (
        SELECT greatest(age(a.backend_xmin), age(a.backend_xid)) AS xid_age,
               format('backend %s (%s, %s)', a.pid, coalesce(nullif(a.application_name, ''), a.backend_type),
                      a.state) AS holder,
               a.xact_start AS since
        FROM pg_stat_activity AS a
        WHERE a.pid <> pg_backend_pid()
          AND (a.backend_xmin IS NOT NULL OR a.backend_xid IS NOT NULL)
          AND (a.datname = current_database() OR a.datid IS NULL)
        UNION ALL
        SELECT age(s.xmin), format('replication slot %s', s.slot_name), NULL
        FROM pg_replication_slots AS s
        WHERE s.xmin IS NOT NULL AND (s.database = current_database() OR s.database IS NULL)
        UNION ALL
        SELECT age(p.transaction), format('prepared transaction %s', p.gid), p.prepared
        FROM pg_prepared_xacts AS p
        WHERE p.database = current_database()
    ) AS h
    ORDER BY h.xid_age DESC
    LIMIT 1
$$;

COMMENT ON FUNCTION public.etl_xmin_horizon() IS
'The oldest transaction that keeps vacuum from removing dead rows in this database: a backend''s '
'snapshot or xid (pg_stat_activity), a replication slot, or a prepared transaction; its age in '
'transaction ids and, where known, since when. No row when nothing but the caller holds one.';

REVOKE ALL ON FUNCTION public.etl_xmin_horizon() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_xmin_horizon() TO sai_etl_runner;
