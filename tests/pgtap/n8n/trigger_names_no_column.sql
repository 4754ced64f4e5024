-- n8n migrates its own tables at start: the Stage 1 triggers name no column (no WHEN clause, no
-- UPDATE OF list), so the DDL n8n may run on execution_entity succeeds with sai-etl installed.
BEGIN;
SELECT plan(5);

SELECT is(
    (SELECT array_agg(tgname::text ORDER BY tgname) FROM pg_trigger
     WHERE tgrelid = 'public.execution_entity'::regclass AND tgname::text LIKE 'sai_etl%'
       AND tgqual IS NULL AND tgattr = ''::int2vector),
    ARRAY['sai_etl_execution_finished', 'sai_etl_execution_inserted'],
    'both triggers exist, with no WHEN clause and no column list'
);

SELECT lives_ok(
    $$ALTER TABLE public.execution_entity ALTER COLUMN status TYPE varchar(40)$$,
    'ALTER COLUMN status TYPE succeeds'
);
SELECT lives_ok(
    $$ALTER TABLE public.execution_entity ALTER COLUMN "workflowId" TYPE varchar(64)$$,
    'ALTER COLUMN "workflowId" TYPE succeeds'
);
SELECT lives_ok(
    $$ALTER TABLE public.execution_entity RENAME COLUMN status TO status_renamed$$,
    'RENAME COLUMN status succeeds'
);
SELECT lives_ok(
    $$ALTER TABLE public.execution_entity DROP COLUMN status_renamed$$,
    'DROP COLUMN of the renamed status succeeds'
);

SELECT * FROM finish();
ROLLBACK;
