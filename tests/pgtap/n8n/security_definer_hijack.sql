-- n8n's role (here a role with n8n's rights on execution_entity, also granted the runner's
-- drain) puts its own schema, then pg_temp, ahead of pg_catalog and sai_etl in its search_path,
-- holding look-alikes: clock_timestamp(), current_setting() (an open circuit breaker),
-- set_config(), make_interval(), dblink_get_connections(), "=" on text that is always true,
-- tables and temp tables named outbox and watched_workflows. The trigger (at n8n's commit) and
-- drain_outbox still use the real objects, and none of the look-alikes runs.
BEGIN;
SELECT plan(4);

-- Deliveries fail (no such dashboard), so the execution must land in the real outbox.
ALTER SERVER sai_dashboard OPTIONS (SET dbname 'sai_etl_no_such_database');

CREATE ROLE sai_etl_hijacker;
GRANT SELECT, INSERT, UPDATE ON public.execution_entity TO sai_etl_hijacker;
GRANT sai_etl_runner TO sai_etl_hijacker;
CREATE SCHEMA hostile AUTHORIZATION sai_etl_hijacker;
GRANT USAGE ON SCHEMA hostile TO PUBLIC;
CREATE TABLE hostile.outbox (LIKE sai_etl.outbox INCLUDING DEFAULTS);
CREATE TABLE hostile.watched_workflows (LIKE sai_etl.watched_workflows INCLUDING DEFAULTS);
ALTER TABLE hostile.outbox OWNER TO sai_etl_hijacker;
ALTER TABLE hostile.watched_workflows OWNER TO sai_etl_hijacker;

SET LOCAL ROLE sai_etl_hijacker;
CREATE TABLE hostile.tripwire (fn text);
CREATE TEMPORARY TABLE outbox (LIKE hostile.outbox INCLUDING DEFAULTS);
CREATE TEMPORARY TABLE watched_workflows (LIKE hostile.watched_workflows INCLUDING DEFAULTS);
GRANT ALL ON ALL TABLES IN SCHEMA hostile TO PUBLIC;

CREATE FUNCTION hostile.clock_timestamp() RETURNS timestamptz LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('clock_timestamp') RETURNING timestamptz '2000-01-01 00:00+00' $$;
CREATE FUNCTION hostile.current_setting(text, boolean) RETURNS text LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('current_setting') RETURNING '9999-01-01 00:00+00' $$;
CREATE FUNCTION hostile.set_config(text, text, boolean) RETURNS text LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('set_config') RETURNING $2 $$;
CREATE FUNCTION hostile.make_interval(secs double precision) RETURNS interval LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('make_interval') RETURNING interval '0' $$;
CREATE FUNCTION hostile.dblink_get_connections() RETURNS text[] LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('dblink_get_connections') RETURNING '{sai_etl}'::text[] $$;
CREATE FUNCTION hostile.always_text(text, text) RETURNS boolean LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('= text') RETURNING true $$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.always_text);
GRANT ALL ON ALL FUNCTIONS IN SCHEMA hostile TO PUBLIC;

-- pgTAP itself would fall for the look-alikes: record what happens, assert after RESET.
CREATE TEMPORARY TABLE observed (step integer, what text, value text);
SET LOCAL search_path = hostile, pg_temp, pg_catalog, sai_etl, public;

-- The look-alikes do capture an unpinned caller: the attack is real.
INSERT INTO observed VALUES (1, 'current_setting()', current_setting('sai_etl.breaker_until', true));
INSERT INTO observed VALUES (2, 'text = text', ('a'::text = 'b'::text)::text);
TRUNCATE hostile.tripwire;

-- n8n finishes a watched execution; the deferred trigger runs at "commit".
INSERT INTO public.execution_entity (id, finished, mode, status, "workflowId", "createdAt", "startedAt")
VALUES (900951, false, 'webhook', 'running', 'yDbfhooKemfhMIkC', '2024-05-01 10:00+00', '2024-05-01 10:00+00');
UPDATE public.execution_entity SET status = 'success', "stoppedAt" = '2024-05-01 10:00:03+00' WHERE id = 900951;
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO observed VALUES (3, 'drain_outbox', sai_etl.drain_outbox(10)::text);
RESET search_path;
RESET ROLE;

SELECT results_eq(
    $$SELECT what, value FROM observed ORDER BY step$$,
    $$VALUES ('current_setting()', '9999-01-01 00:00+00'), ('text = text', 'true'), ('drain_outbox', '0')$$,
    'the look-alikes capture the caller; the drain delivers nothing (the dashboard is unreachable)'
);
SELECT is_empty($$SELECT fn FROM hostile.tripwire$$, 'no look-alike ran inside the trigger or the drain');
SELECT results_eq(
    $$SELECT status, stopped_at, attempts, last_error NOT LIKE 'circuit breaker%', queued_at > '2001-01-01'
      FROM sai_etl.outbox WHERE execution_id = 900951$$,
    $$VALUES ('success'::varchar, timestamptz '2024-05-01 10:00:03+00', 1, true, true)$$,
    'the real outbox holds the execution, tried once by the drain, with the real clock and breaker'
);
SELECT is(
    (SELECT count(*)::integer FROM hostile.outbox) + (SELECT count(*)::integer FROM pg_temp.outbox),
    0,
    'the hostile and temp outboxes were not touched'
);

SELECT * FROM finish();
ROLLBACK;
