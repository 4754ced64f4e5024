-- etl_parse_analysis_rules names the rule behind each value (the order docs/extraction.md lists),
-- says why a rule read no value, and gives the very values etl_parse_analysis gives.
BEGIN;
\ir ../../include/parse_suite.sql

SELECT plan(7);

SELECT results_eq(
    $$SELECT risk_rule, confidence_rule, smoke_rule, flame_rule, heat_rule
      FROM etl_parse_analysis_rules('Risk: 4/5 (high). No smoke. Flames? Yes. Heat: n/a. 90% confidence')$$,
    $$VALUES ('R1 level after a risk label'::text, 'C2 number before "confidence"'::text,
              'D2 denied before it'::text, 'D4 question answered yes'::text, NULL::text)$$,
    'text rules: R1, C2, D2, D4; an n/a answer has no rule and no value'
);

SELECT results_eq(
    $$SELECT risk_level, risk_rule, smoke_detected, smoke_rule
      FROM etl_parse_analysis_rules('HIGH RISK: smoke is not absent')$$,
    $$VALUES ('high'::text, 'R2 level before "risk"'::text, true, 'D3 answered yes after it'::text)$$,
    'R2 and a double negation read as D3'
);

SELECT results_eq(
    $$SELECT confidence_score, confidence_rule FROM etl_parse_analysis_rules('Confidence: 12/10')
      UNION ALL SELECT confidence_score, confidence_rule FROM etl_parse_analysis_rules('Confidence: 7')
      UNION ALL SELECT confidence_score, confidence_rule FROM etl_parse_analysis_rules('Confianza: 7 sobre 10')$$,
    $$VALUES (NULL::numeric, 'C1 number after a confidence label: out of range'::text),
             (NULL, 'C1 number after a confidence label: out of range or on no stated scale'),
             (0.7, 'C1 number after a confidence label on its scale')$$,
    'a confidence beyond its scale or on none is NULL, and the rule says why'
);

SELECT results_eq(
    $$SELECT risk_level, risk_rule, smoke_detected, smoke_rule, flame_detected, flame_rule
      FROM etl_parse_analysis_rules('{"analysis": {"risk": {"level": "high"}}, "smoke": {"detected": false}, "fire": "maybe"}')$$,
    $$VALUES ('high'::text, 'J key analysis.risk.level'::text, false, 'J key smoke.detected'::text,
              NULL::boolean, NULL::text)$$,
    'a JSON answer: the key path behind each value; a hedged value is none'
);

SELECT results_eq(
    $$SELECT risk_level, risk_rule, smoke_detected, smoke_rule
      FROM etl_parse_analysis_rules('Could be smoke. If flames appear the risk would be critical. Risk: low')$$,
    $$VALUES ('low'::text, 'R1 level after a risk label'::text, NULL::boolean, NULL::text)$$,
    'hedged and hypothetical sentences give no value and no rule'
);

SELECT is_empty(
    $$SELECT s.id FROM parse_suite AS s
      CROSS JOIN LATERAL etl_parse_analysis(s.response) AS a
      CROSS JOIN LATERAL etl_parse_analysis_rules(s.response) AS r
      WHERE (a.risk_level, a.confidence_score, a.smoke_detected, a.flame_detected, a.heat_signature_detected)
          IS DISTINCT FROM (r.risk_level, r.confidence_score, r.smoke_detected, r.flame_detected,
                            r.heat_signature_detected)$$,
    'over the whole suite, the values are those of etl_parse_analysis'
);

SELECT is_empty(
    $$SELECT s.id FROM parse_suite AS s CROSS JOIN LATERAL etl_parse_analysis_rules(s.response) AS r
      WHERE (r.risk_level IS NOT NULL AND r.risk_rule IS NULL)
         OR (r.confidence_score IS NOT NULL AND r.confidence_rule IS NULL)
         OR (r.smoke_detected IS NOT NULL AND r.smoke_rule IS NULL)
         OR (r.flame_detected IS NOT NULL AND r.flame_rule IS NULL)
         OR (r.heat_signature_detected IS NOT NULL AND r.heat_rule IS NULL)$$,
    'over the whole suite, every value has its rule'
);

SELECT * FROM finish();
ROLLBACK;
