-- Node discovery goes by node type, never by name: both fixture workflows (differently named
-- nodes) and workflows whose names mean nothing, with the analysis node recognised by its
-- /api/generate URL or as an Ollama node.
BEGIN;
SELECT plan(9);

CREATE FUNCTION pg_temp.nodes(p_nodes text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object('nodes', p_nodes::jsonb)
$$;

SELECT results_eq(
    $$SELECT w.* FROM n8n.execution_data AS d
      CROSS JOIN LATERAL etl_workflow_nodes('yDbfhooKemfhMIkC', d."workflowData"::jsonb) AS w
      WHERE d."executionId" = 1$$,
    $$VALUES ('Webhook'::text, 'Ollama Analysis'::text, 'Telegram Alert'::text)$$,
    'the camera fixture workflow'
);
SELECT results_eq(
    $$SELECT w.* FROM n8n.execution_data AS d
      CROSS JOIN LATERAL etl_workflow_nodes('saiJsonCam000001', d."workflowData"::jsonb) AS w
      WHERE d."executionId" = 8$$,
    $$VALUES ('Webhook'::text, 'Ollama'::text, 'Telegram'::text)$$,
    'the JSON fixture workflow, whose nodes are named differently'
);
SELECT results_eq(
    $$SELECT * FROM etl_workflow_nodes('w', pg_temp.nodes('[
        {"name": "Notify", "type": "n8n-nodes-base.telegram"},
        {"name": "Vision", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "={{ $env.OLLAMA }}/api/generate"}},
        {"name": "Camera in", "type": "n8n-nodes-base.webhook"}]'))$$,
    $$VALUES ('Camera in'::text, 'Vision'::text, 'Notify'::text)$$,
    'names that say nothing; an expression URL ending in /api/generate'
);
SELECT is(
    (etl_workflow_nodes('w', pg_temp.nodes('[
        {"name": "Tags", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "http://ollama:11434/api/tags"}},
        {"name": "Gen", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "http://ollama:11434/api/generate/ "}}]'
    ))).analysis_node,
    'Gen',
    'an HTTP Request elsewhere is not the analysis; a trailing slash or space is fine'
);
SELECT is(
    (etl_workflow_nodes('w', pg_temp.nodes('[
        {"name": "Model", "type": "@n8n/n8n-nodes-langchain.lmOllama"},
        {"name": "Ask Ollama", "type": "@n8n/n8n-nodes-langchain.ollama"}]'
    ))).analysis_node,
    'Ask Ollama',
    'n8n''s Ollama node is an analysis node; the lmOllama sub-node is not'
);
SELECT is(
    (etl_workflow_nodes('w', pg_temp.nodes('[
        {"name": "Old alert", "type": "n8n-nodes-base.telegram", "disabled": true},
        {"name": "Alert", "type": "n8n-nodes-base.telegram"},
        {"name": "Second alert", "type": "n8n-nodes-base.telegram"}]'
    ))).telegram_node,
    'Alert',
    'of several candidates, the first enabled one in node order'
);
SELECT is(
    (etl_workflow_nodes('w', pg_temp.nodes('[{"name": "Old alert", "type": "n8n-nodes-base.telegram", "disabled": true}]'
    ))).telegram_node,
    'Old alert',
    'a disabled node still counts when it is the only one (it did not run: not sent)'
);
SELECT results_eq(
    $$SELECT * FROM etl_workflow_nodes('w', pg_temp.nodes('[{"name": "Set", "type": "n8n-nodes-base.set"}]'))$$,
    $$VALUES (NULL::text, NULL::text, NULL::text)$$,
    'a workflow without such nodes has none'
);
SELECT results_eq(
    $$SELECT * FROM etl_workflow_nodes('w', '{"nodes": "not a list"}'::jsonb)
      UNION ALL SELECT * FROM etl_workflow_nodes('w', '{}'::jsonb)$$,
    $$VALUES (NULL::text, NULL::text, NULL::text), (NULL, NULL, NULL)$$,
    'workflowData without a nodes array: none'
);

SELECT * FROM finish();
ROLLBACK;
