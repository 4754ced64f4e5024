-- etl_execution_stored_at: where n8n keeps an execution's data (n8n 2.x "storedAt").

CREATE OR REPLACE FUNCTION public.etl_execution_stored_at(p_execution_id bigint)
RETURNS text
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    v_stored_at text;
BEGIN
    SELECT s."storedAt" INTO v_stored_at FROM n8n.execution_storage AS s WHERE s.id = p_execution_id;
    RETURN v_stored_at;
EXCEPTION WHEN undefined_column THEN
    -- n8n 1.x: every execution's data is in its database.
    RETURN 'db';
END
$$;

COMMENT ON FUNCTION public.etl_execution_stored_at(bigint) IS
'Where n8n keeps the data of an execution: db (execution_data), fs (a bundle.json under n8n''s storage '
'folder), s3 or az (object storage); db on n8n 1.x, which has no "storedAt" column; NULL when n8n has no '
'such execution. Read only when execution_data has no row for it.';

REVOKE ALL ON FUNCTION public.etl_execution_stored_at(bigint) FROM PUBLIC;
