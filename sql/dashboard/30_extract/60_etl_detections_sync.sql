-- etl_detections_sync: execution_detections follows execution_analysis.detections, row for row.

CREATE OR REPLACE FUNCTION public.etl_detections_sync()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Only rows whose boxes changed: the dashboard's label writes leave the boxes alone.
        DELETE FROM public.execution_detections AS d
        USING new_rows AS n
        JOIN old_rows AS o ON o.execution_id = n.execution_id
        WHERE d.execution_id = n.execution_id AND o.detections IS DISTINCT FROM n.detections;
        INSERT INTO public.execution_detections (execution_id, ordinal, class_name, class_id, confidence, x1, y1, x2, y2)
        SELECT n.execution_id, r.*
        FROM new_rows AS n
        JOIN old_rows AS o ON o.execution_id = n.execution_id
        CROSS JOIN LATERAL public.etl_detection_rows(n.detections) AS r
        WHERE o.detections IS DISTINCT FROM n.detections;
    ELSE
        INSERT INTO public.execution_detections (execution_id, ordinal, class_name, class_id, confidence, x1, y1, x2, y2)
        SELECT n.execution_id, r.*
        FROM new_rows AS n
        CROSS JOIN LATERAL public.etl_detection_rows(n.detections) AS r;
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION public.etl_detections_sync() IS
'Statement trigger of execution_analysis: rewrites the execution_detections rows of every inserted '
'row, and of every updated row whose detections changed (etl_detection_rows). Security definer so '
'that the dashboard''s own role, writing its labels, needs no right on execution_detections.';

REVOKE ALL ON FUNCTION public.etl_detections_sync() FROM PUBLIC;

-- Created only when missing, so a re-apply takes no lock on the table; a change of definition
-- belongs in a migration that drops them.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_analysis'::regclass AND tgname = 'etl_detections_inserted'
    ) THEN
        CREATE TRIGGER etl_detections_inserted
        AFTER INSERT ON public.execution_analysis
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION public.etl_detections_sync();
        COMMENT ON TRIGGER etl_detections_inserted ON public.execution_analysis IS
        'Writes the boxes of new analyses into execution_detections (etl_detections_sync).';
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_analysis'::regclass AND tgname = 'etl_detections_updated'
    ) THEN
        CREATE TRIGGER etl_detections_updated
        AFTER UPDATE ON public.execution_analysis
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION public.etl_detections_sync();
        COMMENT ON TRIGGER etl_detections_updated ON public.execution_analysis IS
        'Rewrites the boxes of analyses whose detections changed (etl_detections_sync).';
    END IF;
END
$$;
