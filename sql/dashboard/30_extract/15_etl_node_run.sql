-- etl_node_run: where a node's last run and its first output item are in a parsed flatted document.

CREATE OR REPLACE FUNCTION public.etl_node_run(
    p_doc jsonb,
    p_node text,
    OUT ran boolean,
    OUT failed boolean,
    OUT run_path text[],
    OUT item_path text[],
    OUT recovered boolean
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_runs jsonb;
    v_run jsonb;
BEGIN
    ran := false;
    recovered := false;
    IF p_node IS NULL THEN
        RETURN;
    END IF;
    v_runs := public.etl_flatted_node(p_doc, ARRAY['resultData', 'runData', p_node]);
    IF jsonb_typeof(v_runs) IS DISTINCT FROM 'array' OR jsonb_array_length(v_runs) = 0 THEN
        RETURN;
    END IF;
    -- A node that ran several times (a loop) is judged by its last run.
    run_path := ARRAY['resultData', 'runData', p_node, (jsonb_array_length(v_runs) - 1)::text];
    v_run := public.etl_flatted_node(p_doc, run_path);
    IF jsonb_typeof(v_run) IS DISTINCT FROM 'object' THEN
        run_path := NULL;
        RETURN;
    END IF;
    ran := true;
    -- n8n records a failed run with an `error` object (and, since 1.x, executionStatus 'error').
    failed := coalesce(jsonb_typeof(v_run -> 'error') = 'string', false)
        OR coalesce(public.etl_flatted_node(p_doc, run_path || '{executionStatus}') #>> '{}' = 'error', false);
    IF jsonb_typeof(public.etl_flatted_node(p_doc, run_path || '{data,main,0,0}')) = 'object' THEN
        item_path := run_path || '{data,main,0,0}';
    END IF;
    -- n8n's crash recovery (ExecutionRecoveryService.amend) writes a run for every node its event
    -- log saw start: executionStatus 'crashed' with a NodeCrashedError when it never finished, else
    -- the placeholder output [[{"json": {"isArtificialRecoveredEventItem": true}}]]. Neither is the
    -- node's output: no item.
    IF coalesce(public.etl_flatted_node(p_doc, run_path || '{executionStatus}') #>> '{}' = 'crashed', false)
        OR coalesce(public.etl_flatted_node(p_doc, item_path || '{json,isArtificialRecoveredEventItem}') = 'true', false)
    THEN
        recovered := true;
        item_path := NULL;
    END IF;
END
$$;

COMMENT ON FUNCTION public.etl_node_run(jsonb, text) IS
'For a parsed flatted execution (etl_flatted_parse) and a node name: whether the node ran, whether '
'its last run failed, the path of that run (resultData.runData.<node>.<last>) and of its first output '
'item (run.data.main[0][0]; NULL when it output nothing), and whether that run is what n8n''s crash '
'recovery wrote in its place (recovered: executionStatus crashed, or the placeholder item '
'{"isArtificialRecoveredEventItem": true}; then item_path is NULL, a placeholder is no output). '
'Paths are for etl_flatted_node. ran and recovered are false (and the rest NULL) for a NULL node or '
'a node without runData.';

REVOKE ALL ON FUNCTION public.etl_node_run(jsonb, text) FROM PUBLIC;
