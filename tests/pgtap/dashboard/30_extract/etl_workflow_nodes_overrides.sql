-- etl_node_overrides names the node of a role for one workflow and wins over discovery by type,
-- for executions whose workflow version has a node of that name.
BEGIN;
SELECT plan(4);

CREATE TEMP TABLE wf ON COMMIT DROP AS
SELECT '{"nodes": [
    {"name": "Webhook", "type": "n8n-nodes-base.webhook"},
    {"name": "Ollama", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "http://o:11434/api/generate"}},
    {"name": "Ask again", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "http://o:11434/api/generate"}},
    {"name": "Bot API", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "https://api.telegram.org/x/sendMessage"}}
]}'::jsonb AS data;

DELETE FROM etl_node_overrides;
INSERT INTO etl_node_overrides (workflow_id, role, node_name) VALUES
('wfA', 'analysis', 'Ask again'),
('wfA', 'telegram', 'Bot API'),
('wfA', 'webhook', 'Renamed webhook'),
('wfB', 'analysis', 'Ollama');

SELECT results_eq(
    $$SELECT w.* FROM wf CROSS JOIN LATERAL etl_workflow_nodes('wfA', wf.data) AS w$$,
    $$VALUES ('Webhook'::text, 'Ask again'::text, 'Bot API'::text)$$,
    'the overrides of wfA win; the one naming a node this version lacks falls back to discovery'
);
SELECT results_eq(
    $$SELECT w.* FROM wf CROSS JOIN LATERAL etl_workflow_nodes('wfC', wf.data) AS w$$,
    $$VALUES ('Webhook'::text, 'Ollama'::text, NULL::text)$$,
    'another workflow''s overrides do not apply: discovery by type'
);
SELECT is(
    (SELECT (etl_workflow_nodes('wfB', wf.data)).analysis_node FROM wf), 'Ollama',
    'an override may name the node discovery would pick'
);
SELECT throws_ok(
    $$INSERT INTO etl_node_overrides VALUES ('wfA', 'gate', 'Risk Alert?')$$,
    '23514',
    NULL,
    'roles are webhook, analysis and telegram only'
);

SELECT * FROM finish();
ROLLBACK;
