-- The Telegram facts of every fixture execution, as the README lists them: message ids 1001-1010
-- with the chat Telegram answered for; false (no error) where the IF gate or a failure kept the
-- Telegram node from running.
BEGIN;
SELECT plan(1);

DELETE FROM executions WHERE id <= 18;
CREATE TEMP TABLE ingested ON COMMIT DROP AS SELECT etl_reconcile(interval '100 years') AS n;
CREATE TEMP TABLE extracted ON COMMIT DROP AS
SELECT e.id, x.* FROM executions AS e CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id <= 18;

SELECT results_eq(
    $$SELECT execution_id, telegram_sent, telegram_message_id, telegram_chat_id, telegram_error
      FROM execution_notifications WHERE execution_id <= 18 ORDER BY execution_id$$,
    $$VALUES
        (1::bigint, false, NULL::bigint, NULL::text, NULL::text),
        (2, true, 1001, '-1001234567890', NULL),
        (3, true, 1002, '-1001234567890', NULL),
        (4, false, NULL, NULL, NULL),
        (5, true, 1003, '-1001234567890', NULL),
        (6, true, 1004, '-1001234567890', NULL),
        (7, false, NULL, NULL, NULL),
        (8, true, 1005, '-1001234567890', NULL),
        (9, true, 1006, '-1001234567890', NULL),
        (10, true, 1007, '-1001234567890', NULL),
        (11, false, NULL, NULL, NULL),
        (13, false, NULL, NULL, NULL),
        (14, true, 1008, '-1001234567890', NULL),
        (15, false, NULL, NULL, NULL),
        (16, true, 1009, '-1001234567890', NULL),
        (17, true, 1010, '-1001234567890', NULL),
        (18, false, NULL, NULL, NULL)$$,
    'telegram_sent, message and chat of every watched fixture execution'
);

SELECT * FROM finish();
ROLLBACK;
