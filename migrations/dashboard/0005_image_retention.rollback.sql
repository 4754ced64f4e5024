-- The image retention view and functions (sql/dashboard/60_maintenance, 70_health) go with the
-- columns and table they read; the previous release's sql/ re-creates its own health functions.
DROP VIEW IF EXISTS etl_image_health;
DROP FUNCTION IF EXISTS etl_image_prune_candidates(text);
DROP FUNCTION IF EXISTS etl_mark_images_pruned(text, bigint[]);
DROP FUNCTION IF EXISTS etl_record_image_store(text, text, bigint, bigint, bigint);

DELETE FROM etl_settings
WHERE key IN (
    'image_retention_originals', 'image_retention_derived', 'image_disk_budget', 'image_prune_batch',
    'image_measure_every', 'alert_image_free_bytes', 'alert_image_root_bytes'
);
DELETE FROM etl_maintenance
WHERE job IN ('prune_originals', 'prune_derived', 'pruned_bytes');
ALTER TABLE etl_maintenance DROP CONSTRAINT etl_maintenance_job_check;
ALTER TABLE etl_maintenance ADD CONSTRAINT etl_maintenance_job_check
CHECK (job IN ('prune_queue', 'data_quality'));
DROP TABLE etl_image_stores;
DROP INDEX execution_images_original_kept_idx;
DROP INDEX execution_images_derived_kept_idx;
ALTER TABLE execution_images DROP COLUMN original_pruned_at, DROP COLUMN derived_pruned_at;
