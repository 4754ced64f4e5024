-- The readiness rule, case by case: extract only a terminal execution with its data; defer while
-- n8n has not finished; give up (skip) when n8n no longer has it.
BEGIN;
SELECT plan(1);

SELECT results_eq(
    $$SELECT s.status, o.outcome, o.reason
      FROM (VALUES
          (1, 'success', 'wf1', true), (2, 'error', 'wf1', true), (3, 'crashed', 'wf1', true),
          (4, 'canceled', 'wf1', true), (5, 'new', 'wf1', NULL), (6, 'running', 'wf1', NULL),
          (7, 'waiting', 'wf1', true), (8, 'success', 'wf1', false), (9, 'crashed', 'wf1', false),
          (10, NULL, NULL, NULL), (11, 'success', 'wf2', true)
      ) AS s (pos, status, workflow, has_data)
      CROSS JOIN LATERAL etl_source_outcome('wf1', s.status, s.workflow, s.has_data) AS o
      ORDER BY s.pos$$,
    $$VALUES
        ('success'::text, 'ready'::text, NULL::text),
        ('error', 'ready', NULL),
        ('crashed', 'ready', NULL),
        ('canceled', 'ready', NULL),
        ('new', 'not_ready', 'n8n status is new, not terminal yet'),
        ('running', 'not_ready', 'n8n status is running, not terminal yet'),
        ('waiting', 'not_ready', 'n8n status is waiting, not terminal yet'),
        ('success', 'gone', 'n8n has no execution_data for it'),
        ('crashed', 'gone', 'n8n has no execution_data for it'),
        (NULL, 'gone', 'n8n no longer has the execution'),
        ('success', 'gone', 'n8n''s execution of that id belongs to workflow wf2, not wf1')$$,
    'terminal with data: ready; not terminal: not_ready; no row, no data or another workflow: gone'
);

SELECT * FROM finish();
ROLLBACK;
