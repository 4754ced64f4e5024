-- etl_next_ready_in: when a runner whose last claim came back short should look again.

CREATE OR REPLACE FUNCTION public.etl_next_ready_in()
RETURNS double precision
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
    -- Deferred and backed-off items wake nobody (no NOTIFY when their time comes), and neither
    -- does a dead runner's lease running out; the runner sleeps until the earliest of them.
    SELECT CASE WHEN min(t.due) IS NOT NULL
        THEN greatest(extract(EPOCH FROM min(t.due) - clock_timestamp()), 0)::double precision
    END
    FROM (
        SELECT min(q.next_attempt_at) AS due FROM public.etl_processing_queue AS q
        WHERE q.status = 'pending'
        UNION ALL
        SELECT min(q.locked_until) FROM public.etl_processing_queue AS q
        WHERE q.status = 'processing'
    ) AS t
$$;

COMMENT ON FUNCTION public.etl_next_ready_in() IS
'Seconds until the next Stage 2 item becomes claimable: the earliest pending next_attempt_at or '
'lease end (a reaped lease makes its item claimable); 0 when one is claimable now, NULL when the '
'queue holds neither pending nor processing items. Lets a runner sleep exactly until then.';

REVOKE ALL ON FUNCTION public.etl_next_ready_in() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_next_ready_in() TO sai_etl_runner;
