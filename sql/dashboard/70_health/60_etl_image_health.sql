-- etl_image_health: the image store: disk figures the runners reported, what is kept, what retention removed.

CREATE OR REPLACE VIEW public.etl_image_health AS
WITH
stores AS (
    SELECT
        count(*) AS roots,
        min(s.free_bytes) AS free_bytes_min,
        max(s.used_bytes) AS used_bytes_max,
        max(s.measured_at) AS last_measured_at
    FROM public.etl_image_stores AS s
),

kept AS (
    SELECT
        min(i.extracted_at) FILTER (WHERE i.original_pruned_at IS NULL) AS oldest_original_kept,
        min(i.extracted_at) FILTER (WHERE i.derived_pruned_at IS NULL) AS oldest_derived_kept
    FROM public.execution_images AS i
    WHERE i.valid
),

pruned AS (
    SELECT
        max(m.total_count) FILTER (WHERE m.job = 'prune_originals') AS originals_pruned_total,
        max(m.total_count) FILTER (WHERE m.job = 'prune_derived') AS derived_pruned_total,
        max(m.total_count) FILTER (WHERE m.job = 'pruned_bytes') AS pruned_bytes_total,
        max(m.last_finished_at) FILTER (WHERE m.job = 'prune_originals') AS last_prune_at
    FROM public.etl_maintenance AS m
)

SELECT
    stores.roots,
    stores.free_bytes_min,
    stores.used_bytes_max,
    stores.last_measured_at,
    kept.oldest_original_kept,
    kept.oldest_derived_kept,
    pruned.originals_pruned_total,
    pruned.derived_pruned_total,
    pruned.pruned_bytes_total,
    pruned.last_prune_at,
    public.etl_setting('image_retention_originals') AS retention_originals,
    public.etl_setting('image_retention_derived') AS retention_derived,
    public.etl_setting('image_disk_budget') AS disk_budget
FROM stores, kept, pruned;

COMMENT ON VIEW public.etl_image_health IS
'The image store in one row: how many image roots runners reported (etl_image_stores), the least free '
'space and the largest root among them, when last measured; the oldest original and derived image still '
'kept; how many originals and derived sets retention removed (and the originals'' bytes) since '
'installation (NULL: retention never removed any); the retention settings.';

GRANT SELECT ON public.etl_image_health TO sai_etl_runner;
