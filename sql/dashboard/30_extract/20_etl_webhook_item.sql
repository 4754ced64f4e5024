-- etl_webhook_item: where the camera's request (the webhook node's item) is in an execution.

CREATE OR REPLACE FUNCTION public.etl_webhook_item(p_doc jsonb, p_node text)
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_path text[] := (public.etl_node_run(p_doc, p_node)).item_path;
    v_stack jsonb;
BEGIN
    IF v_path IS NOT NULL OR p_node IS NULL THEN
        RETURN v_path;
    END IF;
    -- The webhook has no output of its own (n8n crashed: it never ran, or its run is the recovery's
    -- placeholder, see etl_node_run): its request still waits on the execution stack, where n8n
    -- put it when it created the execution.
    v_stack := public.etl_flatted_node(p_doc, '{executionData,nodeExecutionStack}');
    IF jsonb_typeof(v_stack) IS DISTINCT FROM 'array' THEN
        RETURN NULL;
    END IF;
    FOR i IN 0 .. jsonb_array_length(v_stack) - 1 LOOP
        v_path := ARRAY['executionData', 'nodeExecutionStack', i::text];
        IF public.etl_flatted_node(p_doc, v_path || '{node,name}') #>> '{}' = p_node
            AND jsonb_typeof(public.etl_flatted_node(p_doc, v_path || '{data,main,0,0}')) = 'object' THEN
            RETURN v_path || '{data,main,0,0}';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION public.etl_webhook_item(jsonb, text) IS
'Path (for etl_flatted_node) of the webhook node''s output item in a parsed flatted execution: its '
'last run''s first item, or, when it has none (a crashed execution keeps n8n''s initial data, and '
'n8n''s crash recovery gives the webhook a placeholder run), its item waiting on '
'executionData.nodeExecutionStack. NULL when neither exists.';

REVOKE ALL ON FUNCTION public.etl_webhook_item(jsonb, text) FROM PUBLIC;
