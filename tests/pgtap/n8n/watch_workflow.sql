-- Watched workflows are configuration in n8n's database, validated, idempotent.
BEGIN;
SELECT plan(5);

SELECT is(sai_etl.watch_workflow('otherWorkflow001'), true, 'a workflow n8n knows');
SELECT is(sai_etl.watch_workflow('notImportedYet01'), false, 'a workflow n8n does not know yet is watched too');
SELECT lives_ok($$SELECT sai_etl.watch_workflow('otherWorkflow001')$$, 'adding twice is harmless');
SELECT throws_ok(
    $$SELECT sai_etl.watch_workflow('x''; DROP TABLE sai_etl.outbox; --')$$,
    '22023',
    'sai_etl.watch_workflow: ''x''''; DROP TABLE sai_etl.outbox; --'' is not an n8n workflow id (1-36 letters, digits, _ or -)',
    'a malformed id is refused'
);
SELECT is(sai_etl.unwatch_workflow('otherWorkflow001'), true, 'unwatch reports it was watched');

SELECT * FROM finish();
ROLLBACK;
