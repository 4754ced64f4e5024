-- recovered (id, doc, webhook_node, analysis_node, telegram_node): fixture execution 3 as n8n's crash
-- recovery leaves it (tests/fixtures/n8n-1.123/recovered.sql, executions 901-904), parsed, with its
-- nodes by role. The fixture's COPY statements fill temporary tables of n8n's names (a temporary
-- table comes first in the search path), so the test touches no n8n database. Included (\ir).

CREATE TEMP TABLE execution_entity (
    id integer,
    finished boolean,
    mode text,
    "retryOf" text,
    "retrySuccessId" text,
    "startedAt" timestamptz,
    "stoppedAt" timestamptz,
    "waitTill" timestamptz,
    status text,
    "workflowId" text,
    "deletedAt" timestamptz,
    "createdAt" timestamptz
) ON COMMIT DROP;
CREATE TEMP TABLE execution_data ("executionId" integer, "workflowData" json, data text) ON COMMIT DROP;

\ir ../../fixtures/n8n-1.123/recovered.sql

CREATE TEMP TABLE recovered ON COMMIT DROP AS
SELECT d."executionId" AS id, p.doc, n.webhook_node, n.analysis_node, n.telegram_node
FROM execution_data AS d
JOIN execution_entity AS e ON e.id = d."executionId"
CROSS JOIN LATERAL (SELECT etl_flatted_parse(d.data) AS doc) AS p
CROSS JOIN LATERAL etl_workflow_nodes(e."workflowId", d."workflowData"::jsonb) AS n;
