-- etl_alerts: the alerts firing now.

CREATE OR REPLACE VIEW public.etl_alerts AS
SELECT
    c.alert,
    c.severity,
    c.observed,
    c.threshold,
    c.unit,
    c.message
FROM public.etl_alert_checks AS c
WHERE c.firing
ORDER BY c.severity <> 'critical', c.alert;

COMMENT ON VIEW public.etl_alerts IS
'The alerts firing now (critical ones first), thresholds from etl_settings: see etl_alert_evaluate. '
'Empty when the pipeline is healthy; `sai-etl health` exits 1 when it is not.';

GRANT SELECT ON public.etl_alerts TO sai_etl_runner;
