-- etl_workflow_nodes: which node of an execution's workflow plays each Stage 2 role.

CREATE OR REPLACE FUNCTION public.etl_workflow_nodes(
    p_workflow_id text,
    p_workflow_data jsonb,
    OUT webhook_node text,
    OUT analysis_node text,
    OUT telegram_node text
)
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    WITH node AS (
        SELECT
            n ->> 'name' AS name,
            t.pos,
            coalesce(n -> 'disabled' = 'true', false) AS disabled,
            CASE
                WHEN n ->> 'type' = 'n8n-nodes-base.webhook' THEN 'webhook'
                WHEN n ->> 'type' = 'n8n-nodes-base.telegram' THEN 'telegram'
                WHEN n ->> 'type' = 'n8n-nodes-base.httpRequest'
                    AND n #>> '{parameters,url}' ~ '/api/generate/?\s*$' THEN 'analysis'
                -- n8n's own Ollama node (@n8n/n8n-nodes-langchain.ollama) and community ones
                -- named ollama*; not the lmOllama/embeddingsOllama sub-nodes, which answer nothing.
                WHEN lower(regexp_replace(n ->> 'type', '^.*\.', '')) LIKE 'ollama%' THEN 'analysis'
            END AS role
        FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(p_workflow_data -> 'nodes') = 'array' THEN p_workflow_data -> 'nodes' END
        ) WITH ORDINALITY AS t (n, pos)
        WHERE n ->> 'name' IS NOT NULL
    ),
    chosen AS (
        SELECT
            r.role,
            coalesce(
                (
                    SELECT o.node_name
                    FROM public.etl_node_overrides AS o
                    WHERE o.workflow_id = p_workflow_id AND o.role = r.role
                      AND EXISTS (SELECT FROM node WHERE node.name = o.node_name)
                ),
                (
                    SELECT node.name FROM node
                    WHERE node.role = r.role
                    ORDER BY node.disabled, node.pos
                    LIMIT 1
                )
            ) AS name
        FROM (VALUES ('webhook'), ('analysis'), ('telegram')) AS r (role)
    )
    SELECT
        max(name) FILTER (WHERE role = 'webhook'),
        max(name) FILTER (WHERE role = 'analysis'),
        max(name) FILTER (WHERE role = 'telegram')
    FROM chosen
$$;

COMMENT ON FUNCTION public.etl_workflow_nodes(text, jsonb) IS
'The webhook, analysis and Telegram node names of a workflow (execution_data.workflowData, so each '
'execution is read with the workflow version it ran). By type: n8n-nodes-base.webhook; an HTTP Request '
'whose url ends in /api/generate, or an Ollama node; n8n-nodes-base.telegram. Several candidates: the '
'first enabled one in the workflow''s node order. An etl_node_overrides row for (workflow, role) wins '
'when the workflow has a node of that name; for a workflow version without it, discovery by type '
'applies. NULL: the workflow has no node for that role.';

REVOKE ALL ON FUNCTION public.etl_workflow_nodes(text, jsonb) FROM PUBLIC;
