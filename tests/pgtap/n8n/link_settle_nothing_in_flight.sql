-- sai_etl.link_settle returns at once with nothing to collect: no connection, or an idle one.
BEGIN;
SELECT plan(2);

SELECT is(sai_etl.link_settle(), NULL, 'no connection: nothing in flight');
SELECT sai_etl.link_connect();
SELECT is(sai_etl.link_settle(), NULL, 'an idle connection: nothing in flight');

SELECT * FROM finish();
ROLLBACK;
