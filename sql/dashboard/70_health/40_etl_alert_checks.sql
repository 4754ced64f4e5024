-- etl_alert_checks: every alert with its figure, firing or not (Prometheus exports all of them).

CREATE OR REPLACE VIEW public.etl_alert_checks AS
SELECT
    a.alert,
    a.severity,
    a.firing,
    a.observed,
    a.threshold,
    a.unit,
    a.message
FROM public.etl_queue_health AS q
CROSS JOIN public.etl_pipeline_health AS p
CROSS JOIN LATERAL public.etl_alert_evaluate(q, p) AS a;

COMMENT ON VIEW public.etl_alert_checks IS
'Every alert rule (etl_alert_evaluate) with its observed figure, threshold and whether it fires now.';

GRANT SELECT ON public.etl_alert_checks TO sai_etl_runner;
