-- etl_count_queue_outcomes: adds a statement's queue outcomes to etl_counters.

CREATE OR REPLACE FUNCTION public.etl_count_queue_outcomes()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_counts record;
BEGIN
    -- Transition tables: one pass per statement (a claim changes many rows at once).
    IF tg_op = 'UPDATE' THEN
        SELECT
            count(*) FILTER (WHERE n.status = 'completed' AND o.status <> 'completed') AS completed,
            count(*) FILTER (WHERE n.status = 'failed' AND o.status <> 'failed') AS failed,
            count(*) FILTER (WHERE n.status = 'skipped' AND o.status <> 'skipped') AS skipped,
            count(*) FILTER (WHERE o.attempts >= 1 AND n.attempts > o.attempts) AS retried
        INTO v_counts
        FROM new_rows AS n
        INNER JOIN old_rows AS o ON o.id = n.id;
    ELSE
        SELECT
            count(*) FILTER (WHERE n.status = 'completed') AS completed,
            count(*) FILTER (WHERE n.status = 'failed') AS failed,
            count(*) FILTER (WHERE n.status = 'skipped') AS skipped,
            0 AS retried
        INTO v_counts
        FROM new_rows AS n;
    END IF;
    -- Only counters that grow are touched: a claim (pending -> processing) locks nothing.
    UPDATE public.etl_counters AS k SET value = k.value + c.n
    FROM (VALUES ('completed', v_counts.completed), ('failed', v_counts.failed),
                 ('skipped', v_counts.skipped), ('retried', v_counts.retried)) AS c (name, n)
    WHERE k.name = c.name AND c.n > 0;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION public.etl_count_queue_outcomes() IS
'Statement trigger of etl_processing_queue (insert and update): adds to etl_counters the items that '
'entered completed, failed or skipped, and as retried the attempts started on items that had an '
'attempt before (an attempt handed back at shutdown and started again counts again).';

REVOKE ALL ON FUNCTION public.etl_count_queue_outcomes() FROM PUBLIC;
