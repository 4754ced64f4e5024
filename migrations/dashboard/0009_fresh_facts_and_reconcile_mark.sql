-- Nothing lost, whatever the timing: the reconcile's high-water mark (every n8n id at or below it
-- was checked), the flag that sends an item through Stage 2 again when fresher facts arrive while
-- it is processing, and the grace before an execution n8n does not show counts as gone.
-- depends: 0008_parse_rules_recovery

CREATE TABLE etl_reconcile_mark (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    checked_through bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE etl_reconcile_mark IS
'The reconcile''s high-water mark (one row): every finished execution of a watched workflow with an n8n '
'id at or below checked_through is in executions. Missing until the first reconcile sets it.';

ALTER TABLE etl_processing_queue ADD COLUMN rerun boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN etl_processing_queue.rerun IS
'Fresher facts arrived while the item was processing: when that claim ends, the item goes back to '
'pending (attempts reset) instead of completed or failed.';

INSERT INTO etl_settings (key, value, description) VALUES
(
    'reconcile_settle', '2 minutes',
    'The reconcile''s mark passes an n8n id only once it is this old (createdAt): an insert not yet committed is invisible.'
),
(
    'gone_grace', '1 minute',
    'An execution n8n does not show is skipped as gone only this long after the dashboard recorded it (n8n''s commit may be in flight).'
)
ON CONFLICT (key) DO NOTHING;

UPDATE etl_settings
SET description = 'Where the first reconcile starts (it sets etl_reconcile_mark from there); later ones start at the mark.'
WHERE key = 'reconcile_window';

-- A stop recorded before the start (clock skew between n8n's hosts) gives no duration, never a
-- negative one.
ALTER TABLE executions ALTER COLUMN duration_ms DROP NOT NULL;

UPDATE executions SET duration_ms = null, timing_complete = false
WHERE duration_ms < 0;

ALTER TABLE executions ADD CONSTRAINT executions_duration_ms_check CHECK (duration_ms >= 0);

COMMENT ON COLUMN executions.duration_ms IS
'completion_timestamp - execution_timestamp, in milliseconds; NULL when n8n recorded the stop before the start (clock skew).';

-- Systemic faults pause a runner instead of burning the backlog: the pause is recorded, and
-- health's stage2_paused alert names it.
ALTER TABLE etl_runner_heartbeats ADD COLUMN paused_since timestamptz;
ALTER TABLE etl_runner_heartbeats ADD COLUMN paused_reason text;

COMMENT ON COLUMN etl_runner_heartbeats.paused_since IS
'Since when the runner has stopped claiming because of a systemic fault (etl_runner_pause), NULL when it claims.';
COMMENT ON COLUMN etl_runner_heartbeats.paused_reason IS
'The systemic fault that pauses the runner (a revoked grant, a renamed column, an unreadable folder).';

-- Poison: the attempt is charged, and committed, before the extraction runs (etl_claim_charge):
-- an item whose extraction kills its backend still spends its attempts and ends failed.
ALTER TABLE etl_processing_queue ADD COLUMN extraction_pending boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN etl_processing_queue.extraction_pending IS
'Charged by etl_claim_charge (attempt counted, lease taken) and not yet extracted by etl_claim.';
