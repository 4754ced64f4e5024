-- etl_source_outcome: may Stage 2 extract an execution from what n8n shows of it now?

CREATE OR REPLACE FUNCTION public.etl_source_outcome(
    p_workflow_id text,
    p_n8n_status text,
    p_n8n_workflow_id text,
    p_has_data boolean,
    OUT outcome text,
    OUT reason text
)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT
        CASE
            WHEN p_n8n_status IS NULL THEN 'gone'
            WHEN p_n8n_workflow_id IS DISTINCT FROM p_workflow_id THEN 'gone'
            WHEN p_n8n_status NOT IN ('success', 'error', 'crashed', 'canceled') THEN 'not_ready'
            WHEN NOT coalesce(p_has_data, false) THEN 'gone'
            ELSE 'ready'
        END,
        CASE
            WHEN p_n8n_status IS NULL THEN 'n8n no longer has the execution'
            WHEN p_n8n_workflow_id IS DISTINCT FROM p_workflow_id
                THEN format('n8n''s execution of that id belongs to workflow %s, not %s', p_n8n_workflow_id,
                    p_workflow_id)
            WHEN p_n8n_status NOT IN ('success', 'error', 'crashed', 'canceled')
                THEN format('n8n status is %s, not terminal yet', p_n8n_status)
            WHEN NOT coalesce(p_has_data, false) THEN 'n8n has no execution_data for it'
        END
$$;

COMMENT ON FUNCTION public.etl_source_outcome(text, text, text, boolean) IS
'The readiness rule of Stage 2, from one read of n8n (p_n8n_status NULL: no execution_entity row): '
'gone when n8n has no such execution, when its execution of that id belongs to another workflow than '
'the recorded p_workflow_id (n8n''s ids were reused), or when a terminal execution has no '
'execution_data (pruned, or soft-deleted without data); not_ready while the status is not terminal '
'(success, error, crashed, canceled): n8n writes the final data in the transaction that sets it; '
'otherwise ready. reason says why for gone and not_ready.';

REVOKE ALL ON FUNCTION public.etl_source_outcome(text, text, text, boolean) FROM PUBLIC;
