-- parse_suite: the seen part of the adversarial responses (tests/fixtures/parse-analysis/suite.tsv)
-- with their true values, in a temporary table. Included (\ir) by the 20_parse tests that run it;
-- the path is relative to the repository root, where scripts/test runs pg_prove.

CREATE TEMP TABLE parse_suite (
    id text,
    lang text,
    category text,
    risk_level text,
    confidence_score numeric,
    smoke_detected boolean,
    flame_detected boolean,
    heat_signature_detected boolean,
    response text
) ON COMMIT DROP;

\copy parse_suite FROM 'tests/fixtures/parse-analysis/suite.tsv' WITH (FORMAT text, HEADER match)
