-- The vacuum horizon report: at most one holder, never the caller itself.
BEGIN;
SELECT plan(2);

-- This transaction holds a snapshot and an xid.
CREATE TEMP TABLE t (x integer);

SELECT cmp_ok((SELECT count(*) FROM etl_xmin_horizon()), '<=', 1::bigint, 'one holder at most');
SELECT is_empty(
    format($$SELECT * FROM etl_xmin_horizon() WHERE holder LIKE 'backend %s %%'$$, pg_backend_pid()),
    'the calling session is not reported'
);

SELECT * FROM finish();
ROLLBACK;
