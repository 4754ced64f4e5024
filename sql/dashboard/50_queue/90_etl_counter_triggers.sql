-- The triggers that keep etl_counters (functions in 65_, 70_). Created only when missing, so a
-- re-apply takes no lock on the queue; a change of definition belongs in a migration that drops them.

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.etl_processing_queue'::regclass AND tgname = 'etl_count_queue_updated'
    ) THEN
        CREATE TRIGGER etl_count_queue_updated
        AFTER UPDATE ON public.etl_processing_queue
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION public.etl_count_queue_outcomes();
        COMMENT ON TRIGGER etl_count_queue_updated ON public.etl_processing_queue IS
        'Counts queue outcomes into etl_counters (etl_count_queue_outcomes).';
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.etl_processing_queue'::regclass AND tgname = 'etl_count_queue_inserted'
    ) THEN
        CREATE TRIGGER etl_count_queue_inserted
        AFTER INSERT ON public.etl_processing_queue
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION public.etl_count_queue_outcomes();
        COMMENT ON TRIGGER etl_count_queue_inserted ON public.etl_processing_queue IS
        'Counts items inserted in a final state into etl_counters (etl_count_queue_outcomes).';
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_trigger
        WHERE tgrelid = 'public.execution_images'::regclass AND tgname = 'etl_count_image_bytes'
    ) THEN
        CREATE TRIGGER etl_count_image_bytes
        AFTER INSERT ON public.execution_images
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION public.etl_count_image_bytes();
        COMMENT ON TRIGGER etl_count_image_bytes ON public.execution_images IS
        'Counts the bytes of stored originals into etl_counters (etl_count_image_bytes).';
    END IF;
END
$$;
