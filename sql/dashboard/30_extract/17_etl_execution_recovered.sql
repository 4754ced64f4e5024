-- etl_execution_recovered: whether an execution's data is what n8n's crash recovery left, so a node
-- without a run may well have run.

CREATE OR REPLACE FUNCTION public.etl_execution_recovered(p_doc jsonb)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_run_data jsonb := public.etl_flatted_node(p_doc, '{resultData,runData}');
    v_node text;
    v_stack jsonb;
BEGIN
    IF jsonb_typeof(v_run_data) IS DISTINCT FROM 'object' THEN
        RETURN false;
    END IF;
    -- No node has a run and the request waits on the stack: n8n's initial data, kept when it died
    -- before saving more and its recovery had no event log (amendWithoutLogs only marks it crashed).
    IF v_run_data = '{}' THEN
        v_stack := public.etl_flatted_node(p_doc, '{executionData,nodeExecutionStack}');
        RETURN CASE WHEN jsonb_typeof(v_stack) = 'array' THEN jsonb_array_length(v_stack) > 0 ELSE false END;
    END IF;
    FOR v_node IN SELECT jsonb_object_keys(v_run_data) LOOP
        IF (public.etl_node_run(p_doc, v_node)).recovered THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

COMMENT ON FUNCTION public.etl_execution_recovered(jsonb) IS
'True when a parsed flatted execution (etl_flatted_parse) is what n8n''s crash recovery left: no '
'node has a run and a node waits on executionData.nodeExecutionStack (n8n''s initial data) '
'or some node''s last run is a recovery stand-in (etl_node_run.recovered). Then a node without a run '
'may have run before the crash: etl_notification_facts reads its outcome as unknown, not as "not run".';

REVOKE ALL ON FUNCTION public.etl_execution_recovered(jsonb) FROM PUBLIC;
