-- etl_data_quality_daily: per UTC day and Stage 2 field, how many executions have it.

CREATE OR REPLACE VIEW public.etl_data_quality_daily AS
SELECT
    d.day,
    c.field,
    d.executions,
    c.present,
    round(100.0 * c.present / d.executions, 1) AS percent,
    d.refreshed_at,
    d.stale
FROM public.etl_data_quality_days AS d
INNER JOIN public.etl_data_quality_counts AS c ON d.day = c.day
WHERE d.executions > 0
ORDER BY d.day DESC, c.ordinal ASC;

COMMENT ON VIEW public.etl_data_quality_daily IS
'Per UTC day (of completion_timestamp) and Stage 2 field: executions that finished that day, how many '
'have the field, the percentage, when the day was counted and whether it changed since (stale).';

GRANT SELECT ON public.etl_data_quality_daily TO sai_etl_runner;
