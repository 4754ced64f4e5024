-- The analysis node's answer in other shapes than the fixtures' (hand-made flatted executions):
-- Ollama's /api/chat, an answer without the usual fields, and the cases with no analysis.
BEGIN;
SELECT plan(4);

-- json: {model: "llava:13b", message: {role: "assistant", content}, total_duration: 1500000}
SELECT results_eq(
    $$SELECT f.analysis_text, f.model_version, f.processing_time_ms, f.raw_response,
             (f.risk_level, f.confidence_score, f.smoke_detected, f.flame_detected, f.heat_signature_detected)
             IS NOT DISTINCT FROM (p.risk_level, p.confidence_score, p.smoke_detected, p.flame_detected,
                                   p.heat_signature_detected)
      FROM etl_analysis_facts(etl_flatted_parse('[{"resultData":"1"},{"runData":"2"},{"Vision":"3"},["4"],'
          '{"executionStatus":"5","data":"6"},"success",{"main":"7"},["8"],["9"],{"json":"10"},'
          '{"model":"11","message":"12","total_duration":1500000},"llava:13b",{"role":"13","content":"14"},'
          '"assistant","Risk: high. Smoke visible."]'), 'Vision') AS f
      CROSS JOIN LATERAL etl_parse_analysis(f.analysis_text) AS p$$,
    $$VALUES ('Risk: high. Smoke visible.'::text, 'llava:13b'::text, 2::bigint,
              '{"model": "llava:13b", "message": {"role": "assistant", "content": "Risk: high. Smoke visible."},
                "total_duration": 1500000}'::jsonb, true)$$,
    'an /api/chat answer: message.content, model, 1.5 ms rounded to 2, the parser''s facts'
);
-- json: {answer: "Risk: high"}
SELECT results_eq(
    $$SELECT * FROM etl_analysis_facts(etl_flatted_parse('[{"resultData":"1"},{"runData":"2"},{"Vision":"3"},["4"],'
        '{"executionStatus":"5","data":"6"},"success",{"main":"7"},["8"],["9"],{"json":"10"},{"answer":"11"},'
        '"Risk: high"]'), 'Vision')$$,
    $$VALUES (NULL::text, NULL::numeric, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::boolean,
              NULL::bigint, '{"answer": "Risk: high"}'::jsonb)$$,
    'an answer in an unknown shape: kept raw, nothing read into it'
);
SELECT results_eq(
    $$SELECT raw_response FROM etl_analysis_facts(etl_flatted_parse('[{"resultData":"1"},{"runData":"2"},{"Vision":"3"},'
        '["4"],{"executionStatus":"5","error":"6"},"error",{"message":"7"},"ECONNREFUSED"]'), 'Vision')
      UNION ALL
      SELECT raw_response FROM etl_analysis_facts(etl_flatted_parse('[{"resultData":"1"},{"runData":"2"},{"Vision":"3"},'
        '["4"],{"executionStatus":"5","data":"6"},"success",{"main":"7"},["8"],[]]'), 'Vision')$$,
    $$VALUES (NULL::jsonb), (NULL)$$,
    'a failed node, a node that output nothing: no analysis'
);
SELECT results_eq(
    $$SELECT count(*)::integer FROM (
        SELECT * FROM etl_analysis_facts(etl_flatted_parse('[{"resultData":"1"},{"runData":"2"},{}]'), 'Vision')
        UNION ALL SELECT * FROM etl_analysis_facts(etl_flatted_parse('[{"resultData":"1"},{"runData":"2"},{}]'), NULL)
      ) AS f
      WHERE (f.risk_level, f.confidence_score, f.analysis_text, f.model_version, f.smoke_detected, f.flame_detected,
             f.heat_signature_detected, f.processing_time_ms, f.raw_response) IS NULL$$,
    $$VALUES (2)$$,
    'a node that did not run, no analysis node: every field NULL, never false'
);

SELECT * FROM finish();
ROLLBACK;
