DELETE FROM sai_etl.settings
WHERE key IN ('link_statement_timeout_ms', 'link_lock_timeout_ms', 'link_slow_ms');
