-- etl_failed_items: the items that wait for a person, with what to do about them.

CREATE OR REPLACE VIEW public.etl_failed_items AS
SELECT
    q.id AS queue_id,
    q.execution_id,
    e.workflow_id,
    e.execution_timestamp,
    q.status,
    q.attempts,
    q.max_attempts,
    q.last_error,
    q.claimed_by,
    q.created_at AS queued_at,
    q.completed_at AS failed_at,
    CASE q.status
        WHEN 'failed' THEN format('sai-etl retry %s', q.execution_id)
        ELSE format('sai-etl retry --skipped %s', q.execution_id)
    END AS next_action
FROM public.etl_processing_queue AS q
INNER JOIN public.executions AS e ON q.execution_id = e.id
WHERE q.status IN ('failed', 'skipped')
ORDER BY q.completed_at DESC, q.id DESC;

COMMENT ON VIEW public.etl_failed_items IS
'Stage 2 items in a final state that needs a decision, newest first: failed (retries exhausted, or an '
'error not worth retrying) and skipped (n8n no longer has the data), with the last error, the attempts '
'spent and the command that reopens the item.';

GRANT SELECT ON public.etl_failed_items TO sai_etl_runner;
