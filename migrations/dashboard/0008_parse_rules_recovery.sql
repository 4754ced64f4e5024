-- The text and JSON parse helpers name the rule behind each value (etl_parse_analysis_rules),
-- etl_node_run says whether a run is n8n's crash-recovery stand-in, and CREATE OR REPLACE cannot
-- change a function's result type: drop them here, sql/ re-creates them.
-- depends: 0007_one_offs

DROP FUNCTION IF EXISTS public.etl_parse_text_risk_level(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_text_confidence(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_text_detections(text[]);
DROP FUNCTION IF EXISTS public.etl_parse_json_facts(jsonb);
DROP FUNCTION IF EXISTS public.etl_node_run(jsonb, text);
