-- n8n's crash recovery writes a run for every node its event log saw start (a placeholder output
-- when it finished, executionStatus 'crashed' when not); etl_node_run tells such a run from the
-- node's own, and etl_execution_recovered tells the execution's data is the recovery's.
BEGIN;
\ir ../../include/recovered.sql
SELECT plan(5);

SELECT results_eq(
    $$SELECT r.id, x.ran, x.recovered, x.item_path FROM recovered AS r
      CROSS JOIN LATERAL etl_node_run(r.doc, 'Webhook') AS x ORDER BY r.id$$,
    $$VALUES (901, true, true, NULL::text[]), (902, true, true, NULL), (903, true, false,
              '{resultData,runData,Webhook,0,data,main,0,0}'), (904, false, false, NULL)$$,
    'the webhook: a placeholder run (901, 902) is no output; its real run (903) is; no run (904)'
);

SELECT results_eq(
    $$SELECT r.id, x.ran, x.failed, x.recovered, x.item_path FROM recovered AS r
      CROSS JOIN LATERAL etl_node_run(r.doc, r.analysis_node) AS x ORDER BY r.id$$,
    $$VALUES (901, true, false, true, NULL::text[]), (902, true, true, true, NULL),
             (903, true, false, false, '{resultData,runData,Ollama Analysis,0,data,main,0,0}'), (904, false, NULL, false, NULL)$$,
    'the analysis: placeholder (901), crashed with NodeCrashedError (902), its own answer (903)'
);

SELECT results_eq(
    $$SELECT r.id, x.recovered FROM recovered AS r CROSS JOIN LATERAL etl_node_run(r.doc, r.telegram_node) AS x
      ORDER BY r.id$$,
    $$VALUES (901, true), (902, false), (903, true), (904, false)$$,
    'Telegram: the placeholder of a finished node (901, 903); never started (902, 904)'
);

SELECT results_eq(
    $$SELECT r.id, etl_execution_recovered(r.doc) FROM recovered AS r ORDER BY r.id$$,
    $$VALUES (901, true), (902, true), (903, true), (904, true)$$,
    'all four executions hold what the recovery left (904: the initial data, no run at all)'
);

SELECT is(
    (SELECT etl_execution_recovered(etl_flatted_parse(data)) FROM n8n.execution_data WHERE "executionId" = 3),
    false,
    'fixture execution 3 itself, as n8n finished it, is not recovered'
);

SELECT * FROM finish();
ROLLBACK;
