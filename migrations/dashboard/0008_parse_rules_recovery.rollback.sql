-- The previous release's sql/ re-creates its own helpers (with their old result types) when it is
-- re-applied; the rule-naming ones and the new helpers go.
DROP FUNCTION IF EXISTS public.etl_parse_text_risk_level(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_text_confidence(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_text_detections(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_json_facts(jsonb);
DROP FUNCTION IF EXISTS public.etl_node_run(jsonb, text);
DROP FUNCTION IF EXISTS public.etl_execution_recovered(jsonb);
DROP FUNCTION IF EXISTS public.etl_parse_analysis_rules(text);
DROP FUNCTION IF EXISTS public.etl_parse_assertions(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_risk_denied(text[], integer);
DROP FUNCTION IF EXISTS public.etl_parse_risk_of_other(text[], integer);
DROP FUNCTION IF EXISTS public.etl_parse_json_key(text, text);
DROP FUNCTION IF EXISTS public.etl_parse_flag_probability(jsonb);
DROP FUNCTION IF EXISTS public.etl_parse_weather_near(text[], integer);
