-- The image-bytes counter trigger becomes a statement trigger (sql/ re-creates it): one counter
-- update per insert statement instead of one per image row.
-- depends: 0010_n8n_execution_storage

DROP TRIGGER IF EXISTS etl_count_image_bytes ON execution_images;
