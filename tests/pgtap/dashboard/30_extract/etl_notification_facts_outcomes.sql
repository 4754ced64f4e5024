-- The Telegram node's outcome, case by case, on hand-made flatted executions (made with the
-- project's encoder, runner/sai_etl/flatted.py): failed with Telegram's words, answered without
-- ok, continued on fail, retried, ran without output, never ran, absent.
BEGIN;
SELECT plan(8);

CREATE FUNCTION pg_temp.note(p_flatted text, p_node text DEFAULT 'Telegram') RETURNS TABLE (
    telegram_sent boolean, telegram_message_id bigint, telegram_chat_id text, telegram_error text
) LANGUAGE sql AS $$
    SELECT * FROM etl_notification_facts(etl_flatted_parse(p_flatted), p_node)
$$;

-- runData.Telegram: [{executionStatus: "error", error: {message, description}}]
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{"Telegram":"3"},["4"],'
        '{"executionStatus":"5","error":"6"},"error",{"message":"7","description":"8"},'
        '"Bad request - please check your parameters","Bad Request: chat not found"]')$$,
    $$VALUES (false, NULL::bigint, NULL::text, 'Bad request - please check your parameters: Bad Request: chat not found'::text)$$,
    'a failed node: not sent, with n8n''s message and Telegram''s description'
);
-- an error object without executionStatus (older n8n)
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{"Telegram":"3"},["4"],{"error":"5"},'
        '{"message":"6"},"401 Unauthorized"]')$$,
    $$VALUES (false, NULL::bigint, NULL::text, '401 Unauthorized'::text)$$,
    'a run with an error object failed, with or without executionStatus'
);
-- output json {ok: false, description}
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{"Telegram":"3"},["4"],'
        '{"executionStatus":"5","data":"6"},"success",{"main":"7"},["8"],["9"],{"json":"10"},'
        '{"ok":false,"description":"11"},"Forbidden: bot was blocked by the user"]')$$,
    $$VALUES (false, NULL::bigint, NULL::text, 'Forbidden: bot was blocked by the user'::text)$$,
    'an answer without ok: not sent, with Telegram''s description'
);
-- output json {error: "ETIMEDOUT"} (the node set to continue on fail)
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{"Telegram":"3"},["4"],'
        '{"executionStatus":"5","data":"6"},"success",{"main":"7"},["8"],["9"],{"json":"10"},{"error":"11"},"ETIMEDOUT"]')$$,
    $$VALUES (false, NULL::bigint, NULL::text, 'ETIMEDOUT'::text)$$,
    'continue on fail: not sent, with the error the node output'
);
-- two runs: a failed one, then {ok: true, result: {message_id: 77, chat: {id: "@sai_alerts"}}}
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{"Telegram":"3"},["4","5"],'
        '{"executionStatus":"6","error":"7"},{"executionStatus":"8","data":"9"},"error",{"message":"10"},"success",'
        '{"main":"11"},"ETIMEDOUT",["12"],["13"],{"json":"14"},{"ok":true,"result":"15"},'
        '{"message_id":77,"chat":"16"},{"id":"17"},"@sai_alerts"]')$$,
    $$VALUES (true, 77::bigint, '@sai_alerts'::text, NULL::text)$$,
    'the last run decides: sent, with its message id and chat'
);
-- data.main: [[]]
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{"Telegram":"3"},["4"],'
        '{"executionStatus":"5","data":"6"},"success",{"main":"7"},["8"],[]]')$$,
    $$VALUES (false, NULL::bigint, NULL::text, NULL::text)$$,
    'a run that output nothing: not sent, no error'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{}]')$$,
    $$VALUES (false, NULL::bigint, NULL::text, NULL::text)$$,
    'a Telegram node that did not run: not sent, no error'
);
SELECT results_eq(
    $$SELECT * FROM pg_temp.note('[{"resultData":"1"},{"runData":"2"},{}]', NULL)$$,
    $$VALUES (NULL::boolean, NULL::bigint, NULL::text, NULL::text)$$,
    'no Telegram node in the workflow: nothing known, all NULL'
);

SELECT * FROM finish();
ROLLBACK;
