-- Health and operations: runner heartbeats, maintenance bookkeeping, the data quality rollup,
-- alert thresholds and retention settings.
-- depends: 0002_stage2

CREATE TABLE etl_runner_heartbeats (
    worker text PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    status text
);

COMMENT ON TABLE etl_runner_heartbeats IS
'One row per runner (host:pid), refreshed by etl_heartbeat() on every loop: `runner silent` fires '
'when no runner has been seen for alert_runner_silent. Rows of runners gone longer than queue_retention '
'are pruned by etl_maintenance().';
COMMENT ON COLUMN etl_runner_heartbeats.started_at IS 'First heartbeat of this runner.';
COMMENT ON COLUMN etl_runner_heartbeats.last_seen_at IS 'Latest heartbeat of this runner.';
COMMENT ON COLUMN etl_runner_heartbeats.status IS 'What the runner last said it was doing (free text), NULL when it said nothing.';

CREATE TABLE etl_maintenance (
    job text PRIMARY KEY,
    last_started_at timestamptz NOT NULL,
    last_finished_at timestamptz NOT NULL,
    last_count bigint NOT NULL,
    total_count bigint NOT NULL,
    runs bigint NOT NULL,
    CONSTRAINT etl_maintenance_job_check CHECK (job IN ('prune_queue', 'data_quality'))
);

COMMENT ON TABLE etl_maintenance IS
'One row per maintenance job (prune_queue: queue rows deleted; data_quality: days recomputed): when '
'it last ran and what it did, so health can show that maintenance runs at all.';
COMMENT ON COLUMN etl_maintenance.last_count IS 'Rows pruned or days recomputed by the last run.';
COMMENT ON COLUMN etl_maintenance.total_count IS 'Sum of last_count over every run.';

CREATE TABLE etl_data_quality_days (
    day date PRIMARY KEY,
    executions bigint,
    refreshed_at timestamptz,
    stale boolean NOT NULL DEFAULT true
);

COMMENT ON TABLE etl_data_quality_days IS
'The data quality rollup, one row per UTC day of executions.completion_timestamp: how many executions '
'finished that day, when the day''s counts were last computed, and whether they must be recomputed. '
'Maintained by etl_refresh_data_quality() so the quality views never scan the executions table.';
COMMENT ON COLUMN etl_data_quality_days.executions IS 'Executions that finished this day; NULL until first computed.';
COMMENT ON COLUMN etl_data_quality_days.refreshed_at IS 'When the counts were last computed; NULL = never.';
COMMENT ON COLUMN etl_data_quality_days.stale IS 'True when data of this day changed after refreshed_at (or was never computed).';

CREATE TABLE etl_data_quality_counts (
    day date NOT NULL REFERENCES etl_data_quality_days (day) ON DELETE CASCADE,
    field text NOT NULL,
    ordinal smallint NOT NULL,
    present bigint NOT NULL,
    PRIMARY KEY (day, field)
);

COMMENT ON TABLE etl_data_quality_counts IS
'Per day and Stage 2 field, how many of the day''s executions have the field (not NULL): see etl_data_quality.';
COMMENT ON COLUMN etl_data_quality_counts.ordinal IS 'Display order of the field.';

CREATE INDEX etl_processing_queue_finished_idx
ON etl_processing_queue (completed_at) WHERE status IN ('failed', 'skipped');

INSERT INTO etl_settings (key, value, description) VALUES
('health_window', '1 hour', 'Window of the live health figures: throughput, Stage 1 lag, Stage 2 latency, n8n executions missing.'),
('queue_retention', '7 days', 'Completed queue items (and silent runners'' heartbeats) older than this are pruned.'),
('prune_batch', '10000', 'Queue items one etl_prune_queue() call deletes at most.'),
('quality_days_per_run', '3', 'Days etl_refresh_data_quality() recomputes at most per call.'),
('quality_margin', '10 minutes', 'Overlap with the previous data quality refresh, for transactions that committed late.'),
('quality_recheck', '1 day', 'Every day''s data quality counts are recomputed at least this often.'),
('alert_pending_max', '1000', 'Alert queue_backlog: more pending items than this.'),
('alert_avg_processing', '10 seconds', 'Alert slow_processing: Stage 2 average processing time in health_window above this.'),
('alert_failed_max', '0', 'Alert failed_increasing: more items failed within health_window than this.'),
('alert_outbox_age', '5 minutes', 'Alert outbox_not_draining: the oldest outbox row in n8n is older than this.'),
('alert_stage1_lag', '1 minute', 'Alert stage1_lag: p99 of n8n stoppedAt -> dashboard row in health_window above this.'),
('alert_runner_silent', '1 minute', 'Alert runner_silent: no runner heartbeat for this long.'),
('alert_xmin_age', '1 hour', 'Alert vacuum_held_back: a transaction has held back vacuum for longer than this.');
