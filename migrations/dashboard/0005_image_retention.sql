-- Image retention: rows say when their files were pruned (keeping sha256, size and paths as
-- history), the runners report their image root's disk figures, and the retention settings.
-- depends: 0004_claim_image_reason

ALTER TABLE execution_images
ADD COLUMN original_pruned_at timestamptz,
ADD COLUMN derived_pruned_at timestamptz;

COMMENT ON COLUMN execution_images.original_pruned_at IS
'When retention removed the original file (original_path, sha256 and size_bytes stay as history); '
'NULL: the file is kept (or there never was one: see valid).';
COMMENT ON COLUMN execution_images.derived_pruned_at IS
'When retention removed the thumbnail and display variant (their paths stay as history); NULL: kept.';

CREATE INDEX execution_images_original_kept_idx
ON execution_images (stored_at, execution_id) WHERE valid AND original_pruned_at IS NULL;

CREATE INDEX execution_images_derived_kept_idx
ON execution_images (stored_at, execution_id) WHERE valid AND derived_pruned_at IS NULL;

CREATE TABLE etl_image_stores (
    host text NOT NULL,
    root text NOT NULL,
    measured_at timestamptz NOT NULL,
    free_bytes bigint NOT NULL,
    total_bytes bigint NOT NULL,
    used_bytes bigint,
    used_measured_at timestamptz,
    PRIMARY KEY (host, root)
);

COMMENT ON TABLE etl_image_stores IS
'One row per runner host and image root (SAI_IMAGE_DIR), reported by etl_record_image_store() from '
'the runner''s maintenance: the file system''s free and total space, and the root''s own size.';
COMMENT ON COLUMN etl_image_stores.measured_at IS 'When free_bytes and total_bytes were read (statvfs).';
COMMENT ON COLUMN etl_image_stores.free_bytes IS 'Bytes available to the runner on the image root''s file system.';
COMMENT ON COLUMN etl_image_stores.total_bytes IS 'Size of the image root''s file system.';
COMMENT ON COLUMN etl_image_stores.used_bytes IS
'Bytes of the files under the image root (a walk, at most every image_measure_every); NULL: not measured yet.';
COMMENT ON COLUMN etl_image_stores.used_measured_at IS 'When used_bytes was measured; NULL: never.';

ALTER TABLE etl_maintenance DROP CONSTRAINT etl_maintenance_job_check;
ALTER TABLE etl_maintenance ADD CONSTRAINT etl_maintenance_job_check
CHECK (job IN ('prune_queue', 'data_quality', 'prune_originals', 'prune_derived', 'pruned_bytes'));

INSERT INTO etl_settings (key, value, description) VALUES
('image_retention_originals', 'forever', 'Original image files older than this (stored_at) are removed; forever: kept.'),
('image_retention_derived', 'forever', 'Thumbnails and display variants older than this are removed; forever: kept.'),
('image_disk_budget', 'none', 'Bytes the kept originals may take (size_bytes); beyond it the oldest are removed; none: no budget.'),
('image_prune_batch', '1000', 'Images one maintenance round removes at most, per kind.'),
('image_measure_every', '10 minutes', 'How often a runner walks its image root to measure its size (free space: every sweep).'),
('alert_image_free_bytes', '5368709120', 'Alert image_disk_low: less free space than this on an image root''s file system.'),
('alert_image_root_bytes', 'none', 'Alert image_root_large: an image root larger than this; none: no alert.');
