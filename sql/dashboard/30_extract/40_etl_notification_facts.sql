-- etl_notification_facts: whether an execution's Telegram alert went out.

CREATE OR REPLACE FUNCTION public.etl_notification_facts(
    p_doc jsonb,
    p_node text,
    OUT telegram_sent boolean,
    OUT telegram_message_id bigint,
    OUT telegram_chat_id text,
    OUT telegram_error text
)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
DECLARE
    v_run record;
    v_message jsonb;
    v_detail jsonb;
BEGIN
    IF p_node IS NULL THEN
        RETURN;  -- the workflow has no Telegram node: nothing is known, all NULL
    END IF;
    v_run := public.etl_node_run(p_doc, p_node);
    -- n8n crashed: a recovery stand-in says the node ran, not what Telegram answered; and a node
    -- without a run may have sent before the crash. Unknown, all NULL.
    IF v_run.recovered OR (NOT v_run.ran AND public.etl_execution_recovered(p_doc)) THEN
        RETURN;
    END IF;
    telegram_sent := false;
    IF NOT v_run.ran THEN
        RETURN;  -- not run (the workflow did not go that way, or stopped before): not sent, no error
    END IF;
    IF v_run.failed THEN
        -- NodeApiError: message (n8n's summary) and description (Telegram's own words).
        v_message := public.etl_flatted_node(p_doc, v_run.run_path || '{error,message}');
        v_detail := public.etl_flatted_node(p_doc, v_run.run_path || '{error,description}');
    ELSIF v_run.item_path IS NOT NULL THEN
        IF public.etl_flatted_node(p_doc, v_run.item_path || '{json,ok}') = 'true' THEN
            telegram_sent := true;
            v_message := public.etl_flatted_node(p_doc, v_run.item_path || '{json,result,message_id}');
            telegram_message_id := CASE
                WHEN jsonb_typeof(v_message) = 'number' THEN (v_message #>> '{}')::numeric::bigint
            END;
            v_detail := public.etl_flatted_node(p_doc, v_run.item_path || '{json,result,chat,id}');
            telegram_chat_id := CASE WHEN jsonb_typeof(v_detail) IN ('number', 'string') THEN v_detail #>> '{}' END;
            RETURN;
        END IF;
        -- Not ok: Telegram's {ok: false, description}, or the node's continue-on-fail {error}.
        v_message := coalesce(
            public.etl_flatted_node(p_doc, v_run.item_path || '{json,error,message}'),
            public.etl_flatted_node(p_doc, v_run.item_path || '{json,error}')
        );
        v_detail := public.etl_flatted_node(p_doc, v_run.item_path || '{json,description}');
    END IF;
    telegram_error := nullif(concat_ws(': ',
        CASE WHEN jsonb_typeof(v_message) = 'string' THEN v_message #>> '{}' END,
        CASE WHEN jsonb_typeof(v_detail) = 'string' AND v_detail IS DISTINCT FROM v_message THEN v_detail #>> '{}' END
    ), '');
END
$$;

COMMENT ON FUNCTION public.etl_notification_facts(jsonb, text) IS
'The Telegram node''s outcome in a parsed flatted execution. p_node NULL (the workflow has no Telegram '
'node): all NULL. telegram_sent true when its last run output ok: true, with result.message_id and '
'result.chat.id (as text); false when it did not run (no error), failed (telegram_error = the node''s '
'error message and description) or answered without ok (the answer''s description or error). All '
'NULL after n8n''s crash recovery: the node''s run is a recovery stand-in (etl_node_run.recovered), '
'or it has none and the execution was recovered (etl_execution_recovered): it may have sent.';

REVOKE ALL ON FUNCTION public.etl_notification_facts(jsonb, text) FROM PUBLIC;
