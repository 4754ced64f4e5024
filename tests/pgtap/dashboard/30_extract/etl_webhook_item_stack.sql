-- The camera's request is the webhook's output item; when the webhook never ran (n8n crashed and
-- kept its initial data), it is the item waiting on the execution stack.
BEGIN;
SELECT plan(3);

-- {resultData: {runData: {}}, executionData: {nodeExecutionStack: [{node: {name: "Webhook"},
--  data: {main: [[{json: {body: {node_id: "N1", camera_id: "c1"}}}]]}}]}}
CREATE TEMP TABLE crashed ON COMMIT DROP AS
SELECT etl_flatted_parse('[{"resultData":"1","executionData":"2"},{"runData":"3"},{"nodeExecutionStack":"4"},{},["5"],'
    '{"node":"6","data":"7"},{"name":"8"},{"main":"9"},"Webhook",["10"],["11"],{"json":"12"},{"body":"13"},'
    '{"node_id":"14","camera_id":"15"},"N1","c1"]') AS doc;

SELECT is(
    (SELECT etl_webhook_item(doc, 'Webhook') FROM crashed),
    '{executionData,nodeExecutionStack,0,data,main,0,0}'::text[],
    'a webhook that never ran: its item on the stack'
);
SELECT results_eq(
    $$SELECT i.* FROM crashed CROSS JOIN LATERAL etl_camera_ids(doc, etl_webhook_item(doc, 'Webhook')) AS i$$,
    $$VALUES ('N1'::text, 'c1'::text)$$,
    'its camera ids are read from there'
);
SELECT results_eq(
    $$SELECT etl_webhook_item(doc, 'Other') FROM crashed UNION ALL SELECT etl_webhook_item(doc, NULL) FROM crashed$$,
    $$VALUES (NULL::text[]), (NULL)$$,
    'no such node on the stack, or no webhook node: no item'
);

SELECT * FROM finish();
ROLLBACK;
