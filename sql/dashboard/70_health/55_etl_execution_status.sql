-- etl_execution_status: everything known about one execution, for "why is this one empty?".

CREATE OR REPLACE FUNCTION public.etl_execution_status(p_execution_id bigint)
RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    e public.executions;
    q public.etl_processing_queue;
    a public.execution_analysis;
    n public.execution_notifications;
    i public.execution_images;
    v_src record;
    v_n8n jsonb;
    v_terminal boolean;
    v_watched boolean;
    v_unstated text[];
    v_notes text[] := '{}';
BEGIN
    SELECT * INTO e FROM public.executions AS x WHERE x.id = p_execution_id;
    SELECT * INTO q FROM public.etl_processing_queue AS x WHERE x.execution_id = p_execution_id AND x.stage = 'stage2';
    SELECT * INTO a FROM public.execution_analysis AS x WHERE x.execution_id = p_execution_id;
    SELECT * INTO n FROM public.execution_notifications AS x WHERE x.execution_id = p_execution_id;
    SELECT * INTO i FROM public.execution_images AS x WHERE x.execution_id = p_execution_id;

    -- n8n's side, through the link; a dead link is reported, not raised.
    BEGIN
        SELECT x.status, x."workflowId" AS workflow_id, x."startedAt" AS started_at, x."stoppedAt" AS stopped_at,
               x."deletedAt" AS deleted_at,
               EXISTS (SELECT FROM n8n.execution_data AS d WHERE d."executionId" = x.id) AS has_data
        INTO v_src
        FROM n8n.execution_entity AS x
        WHERE p_execution_id BETWEEN 1 AND 2147483647 AND x.id = p_execution_id::integer;
        IF v_src IS NULL THEN
            v_n8n := jsonb_build_object('reachable', true, 'found', false);
        ELSE
            v_terminal := v_src.status IN ('success', 'error', 'crashed', 'canceled');
            v_watched := EXISTS (SELECT FROM n8n.watched_workflows AS w WHERE w.workflow_id = v_src.workflow_id);
            v_n8n := jsonb_build_object('reachable', true, 'found', true, 'watched', v_watched) || to_jsonb(v_src);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        v_n8n := jsonb_build_object('reachable', false, 'error', SQLERRM);
    END;

    IF e.id IS NULL THEN
        v_notes := v_notes || CASE
            WHEN NOT (v_n8n ->> 'reachable')::boolean THEN 'not in the dashboard; n8n could not be read'
            WHEN NOT (v_n8n ->> 'found')::boolean THEN 'neither the dashboard nor n8n has this execution'
            WHEN NOT v_watched THEN format('not in the dashboard: its workflow %s is not watched', v_src.workflow_id)
            WHEN NOT v_terminal THEN format('not in the dashboard yet: n8n''s execution is still %s', v_src.status)
            ELSE 'not in the dashboard although n8n finished it: the next sweep''s reconcile (reconcile_window) '
                 'or `sai-etl backfill --since` records it'
        END;
    ELSE
        v_notes := v_notes || CASE
            WHEN q.id IS NULL THEN 'no Stage 2 queue item: pruned after completion (queue_retention) or removed'
            WHEN q.status = 'pending' AND q.next_attempt_at > now() AND q.attempts = 0 THEN
                format('Stage 2 waits for n8n to finish writing it (deferred %s times), next look at %s',
                       q.deferrals, q.next_attempt_at)
            WHEN q.status = 'pending' AND q.next_attempt_at > now() THEN
                format('Stage 2 attempt %s of %s failed (%s), next attempt at %s',
                       q.attempts, q.max_attempts, q.last_error, q.next_attempt_at)
            WHEN q.status = 'pending' THEN format('Stage 2 pending since %s, ready to be claimed', q.created_at)
            WHEN q.status = 'processing' AND q.locked_until < now() THEN
                format('Stage 2 lease of %s expired at %s: the item returns at the next claim', q.claimed_by, q.locked_until)
            WHEN q.status = 'processing' THEN
                format('Stage 2 in progress by %s (attempt %s), lease until %s', q.claimed_by, q.attempts, q.locked_until)
            WHEN q.status = 'failed' THEN
                format('Stage 2 failed after %s attempts: %s; `sai-etl retry %s` reopens it',
                       q.attempts, q.last_error, p_execution_id)
            WHEN q.status = 'skipped' THEN
                format('Stage 2 skipped: %s; `sai-etl retry --skipped %s` reopens it', q.last_error, p_execution_id)
            ELSE format('Stage 2 completed at %s in %s ms', q.completed_at, q.processing_time_ms)
        END;
        IF q.id IS NULL OR q.status = 'completed' THEN
            IF a.analysis_source IS NULL THEN
                v_notes := v_notes || 'no analysis: the model did not answer (its node did not run or failed)'::text;
            ELSE
                v_unstated := ARRAY(
                    SELECT f.key FROM jsonb_each(to_jsonb(a)) AS f
                    WHERE f.value = 'null'::jsonb
                      AND f.key IN ('risk_level', 'confidence_score', 'analysis_text', 'model_version',
                                    'smoke_detected', 'flame_detected', 'heat_signature_detected',
                                    'processing_time_ms')
                    ORDER BY f.key
                );
                IF cardinality(v_unstated) > 0 THEN
                    v_notes := v_notes || format('the analysis does not state: %s', array_to_string(v_unstated, ', '));
                END IF;
            END IF;
            v_notes := v_notes || CASE
                WHEN i.execution_id IS NULL THEN 'no image: the execution carried no frame'
                WHEN NOT i.valid THEN format('image not usable: %s', i.invalid_reason)
                ELSE format('image: %s (%s %sx%s)', i.original_path, i.format, i.width, i.height)
            END;
            v_notes := v_notes || CASE
                WHEN n.execution_id IS NULL OR n.telegram_sent IS NULL THEN 'Telegram: the workflow has no Telegram node'
                WHEN n.telegram_sent THEN format('Telegram: sent, message %s', n.telegram_message_id)
                ELSE format('Telegram: not sent%s', coalesce(' (' || n.telegram_error || ')', ''))
            END;
            IF e.node_id IS NULL OR e.camera_id IS NULL THEN
                v_notes := v_notes || 'the webhook request did not name its node_id and camera_id'::text;
            END IF;
        END IF;
    END IF;

    RETURN jsonb_build_object(
        'execution_id', p_execution_id,
        'found', e.id IS NOT NULL,
        'execution', CASE WHEN e.id IS NOT NULL THEN to_jsonb(e) END,
        'queue', CASE WHEN q.id IS NOT NULL THEN to_jsonb(q) - 'claim_token' END,
        'analysis', CASE WHEN a.execution_id IS NOT NULL THEN to_jsonb(a) END,
        'notification', CASE WHEN n.execution_id IS NOT NULL THEN to_jsonb(n) END,
        'image', CASE WHEN i.execution_id IS NOT NULL THEN to_jsonb(i) END,
        'n8n', v_n8n,
        'notes', to_jsonb(v_notes)
    );
END
$$;

COMMENT ON FUNCTION public.etl_execution_status(bigint) IS
'Everything known about one execution (`sai-etl status ID`): its executions row, Stage 2 queue item '
'(attempts, deferrals, last error; no claim token), analysis, notification and image rows, n8n''s row '
'through the link (status, stoppedAt, deletedAt, whether execution_data exists, whether its workflow is '
'watched), and notes in plain words on where it stands and why fields are empty. found is false when '
'the dashboard does not have it.';

REVOKE ALL ON FUNCTION public.etl_execution_status(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.etl_execution_status(bigint) TO sai_etl_runner;
