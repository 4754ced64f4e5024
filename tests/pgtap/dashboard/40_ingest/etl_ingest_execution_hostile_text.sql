-- Quotes, backslashes and unicode in n8n's text arrive as they were, nothing interpreted; a retryOf
-- that names no execution id is not known.
BEGIN;
SELECT plan(1);

SELECT etl_ingest_execution(
    800401, 'wf''1\x', 'success', E'we\\b''hook"; DROP TABLE executions; -- ñ 火', E'4\'2', now(), now(), now()
);
SELECT results_eq(
    $$SELECT workflow_id, mode, retry_of FROM executions WHERE id = 800401$$,
    $$VALUES ('wf''1\x', E'we\\b''hook"; DROP TABLE executions; -- ñ 火', NULL::bigint)$$,
    'text stored verbatim'
);

SELECT * FROM finish();
ROLLBACK;
