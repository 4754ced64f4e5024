-- etl_data_quality: per Stage 2 field, how many executions have it, over every day.

CREATE OR REPLACE VIEW public.etl_data_quality AS
SELECT
    c.field,
    sum(d.executions)::bigint AS executions,
    sum(c.present)::bigint AS present,
    round(100.0 * sum(c.present) / nullif(sum(d.executions), 0), 1) AS percent,
    min(d.day) AS first_day,
    max(d.day) AS last_day,
    min(d.refreshed_at) AS oldest_refresh,
    (
        SELECT count(*) FROM public.etl_data_quality_days AS s
        WHERE s.stale
    ) AS stale_days
FROM public.etl_data_quality_counts AS c
INNER JOIN public.etl_data_quality_days AS d ON c.day = d.day
GROUP BY c.field
ORDER BY min(c.ordinal);

COMMENT ON VIEW public.etl_data_quality IS
'The product''s honesty meter: for each Stage 2 field (see etl_data_quality_of_day), how many of all '
'executions have it (not NULL) and the percentage, from the per-day rollup that '
'etl_refresh_data_quality() keeps. oldest_refresh: the figures are at least this fresh; stale_days > 0: '
'days whose latest changes are not counted yet.';

GRANT SELECT ON public.etl_data_quality TO sai_etl_runner;
