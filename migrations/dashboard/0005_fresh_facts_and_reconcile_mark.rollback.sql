UPDATE etl_settings
SET description = 'How far back each sweep looks for executions Stage 1 missed.'
WHERE key = 'reconcile_window';

DELETE FROM etl_settings
WHERE key IN ('reconcile_settle', 'gone_grace');

ALTER TABLE etl_processing_queue DROP COLUMN rerun;

DROP TABLE etl_reconcile_mark;
