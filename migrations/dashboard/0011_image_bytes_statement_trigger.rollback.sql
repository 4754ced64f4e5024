-- The statement trigger goes; re-applying sql/ creates the trigger its files declare.

DROP TRIGGER IF EXISTS etl_count_image_bytes ON execution_images;
