-- Bounds on what a slow dashboard may cost n8n: the link session's statement and lock timeouts,
-- and the time past which a delivery that did succeed still opens the breaker.
-- depends: 0001_stage1

INSERT INTO sai_etl.settings (key, value, description) VALUES
(
    'link_statement_timeout_ms', '250',
    'statement_timeout of the dashboard link session: a delivery running longer fails (outbox) and opens the breaker.'
),
(
    'link_lock_timeout_ms', '100',
    'lock_timeout of the dashboard link session: a delivery waiting longer for a dashboard lock fails (outbox).'
),
(
    'link_slow_ms', '100',
    'A delivery that succeeded but took longer than this opens the breaker like a failure.'
)
ON CONFLICT (key) DO NOTHING;
