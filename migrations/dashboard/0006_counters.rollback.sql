-- The counting triggers and their functions (sql/dashboard/50_queue) go with the table.
DROP TRIGGER IF EXISTS etl_count_queue_updated ON etl_processing_queue;
DROP TRIGGER IF EXISTS etl_count_queue_inserted ON etl_processing_queue;
DROP TRIGGER IF EXISTS etl_count_image_bytes ON execution_images;
DROP FUNCTION IF EXISTS etl_count_queue_outcomes();
DROP FUNCTION IF EXISTS etl_count_image_bytes();
DROP TABLE etl_counters;
