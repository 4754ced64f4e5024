-- A role granted the link and runner functions puts its own schema, then pg_temp, ahead of
-- pg_catalog and public in its search_path and fills them with look-alikes: now(),
-- gen_random_uuid(), make_interval(), jsonb_typeof(), etl_setting(), etl_retry_delay(),
-- etl_flatted_ref(), etl_parse_analysis(), "=" on uuid, bigint and text that is always true,
-- tables and temp tables named like sai-etl's. Every SECURITY DEFINER
-- function it calls still reads and writes the real objects, and none of the look-alikes runs
-- (each records its calls in a tripwire table, so one running under the definer would show).
BEGIN;
SELECT plan(6);

CREATE ROLE sai_etl_hijacker;
GRANT sai_etl_ingest, sai_etl_runner TO sai_etl_hijacker;
CREATE SCHEMA hostile AUTHORIZATION sai_etl_hijacker;
GRANT USAGE ON SCHEMA hostile TO PUBLIC;

-- A claimed item whose token the hijacker does not hold.
INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source
) VALUES (800951, 'wf-hijack', now(), now(), 0, 'success', 'webhook', true, 'trigger');
INSERT INTO etl_processing_queue (id, execution_id, status, attempts, claim_token, locked_until, started_at)
OVERRIDING SYSTEM VALUE
VALUES (800951, 800951, 'processing', 1, '00000000-0000-4000-8000-000000000951', now() + interval '1 hour', now());

-- The 18 real n8n executions, queued for Stage 2: the hijacker's claim extracts them.
DELETE FROM executions WHERE id <= 18;
SELECT etl_reconcile(interval '100 years');

-- Look-alike tables with the real columns (so a hijacked statement would succeed silently).
CREATE TABLE hostile.executions (LIKE public.executions INCLUDING DEFAULTS);
CREATE TABLE hostile.etl_processing_queue (LIKE public.etl_processing_queue);
CREATE TABLE hostile.etl_settings (LIKE public.etl_settings);
ALTER TABLE hostile.executions OWNER TO sai_etl_hijacker;
ALTER TABLE hostile.etl_processing_queue OWNER TO sai_etl_hijacker;
ALTER TABLE hostile.etl_settings OWNER TO sai_etl_hijacker;

SET LOCAL ROLE sai_etl_hijacker;
CREATE TABLE hostile.tripwire (fn text);
INSERT INTO hostile.etl_settings VALUES ('max_attempts', '1', 'hostile');
CREATE TEMPORARY TABLE executions (LIKE hostile.executions);
CREATE TEMPORARY TABLE etl_processing_queue (LIKE hostile.etl_processing_queue);
GRANT ALL ON ALL TABLES IN SCHEMA hostile TO PUBLIC;

CREATE FUNCTION hostile.now() RETURNS timestamptz LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('now') RETURNING timestamptz '2000-01-01 00:00+00' $$;
CREATE FUNCTION hostile.gen_random_uuid() RETURNS uuid LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('gen_random_uuid') RETURNING uuid '00000000-0000-4000-8000-000000000000' $$;
CREATE FUNCTION hostile.make_interval(secs double precision) RETURNS interval LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('make_interval') RETURNING interval '-1 day' $$;
CREATE FUNCTION hostile.etl_setting(p_key text) RETURNS text LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('etl_setting') RETURNING '1' $$;
CREATE FUNCTION hostile.etl_retry_delay(integer) RETURNS interval LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('etl_retry_delay') RETURNING interval '0' $$;
CREATE FUNCTION hostile.always_uuid(uuid, uuid) RETURNS boolean LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('= uuid') RETURNING true $$;
CREATE FUNCTION hostile.always_bigint(bigint, bigint) RETURNS boolean LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('= bigint') RETURNING true $$;
CREATE FUNCTION hostile.always_text(text, text) RETURNS boolean LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('= text') RETURNING true $$;
CREATE FUNCTION hostile.jsonb_typeof(jsonb) RETURNS text LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('jsonb_typeof') RETURNING 'object' $$;
CREATE FUNCTION hostile.etl_flatted_ref(jsonb, jsonb) RETURNS integer LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('etl_flatted_ref') RETURNING 0 $$;
CREATE FUNCTION hostile.etl_parse_analysis(text) RETURNS TABLE (
    risk_level text, confidence_score numeric, smoke_detected boolean, flame_detected boolean,
    heat_signature_detected boolean
) LANGUAGE sql
AS $$ INSERT INTO hostile.tripwire VALUES ('etl_parse_analysis') RETURNING 'critical', 1.0, true, true, true $$;
CREATE OPERATOR hostile.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = hostile.always_uuid);
CREATE OPERATOR hostile.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile.always_bigint);
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.always_text);
GRANT ALL ON ALL FUNCTIONS IN SCHEMA hostile TO PUBLIC;

-- pgTAP itself would fall for the look-alikes: record what happens, assert after RESET.
CREATE TEMPORARY TABLE observed (step integer, what text, value text);
SET LOCAL search_path = hostile, pg_temp, pg_catalog, public;

-- The look-alikes do capture an unpinned caller: the attack is real.
INSERT INTO observed VALUES (1, 'now()', now()::text);
INSERT INTO observed VALUES (2, 'gen_random_uuid() = another uuid', (gen_random_uuid() = uuid '00000000-0000-4000-8000-000000000001')::text);
INSERT INTO observed VALUES (3, 'rows in executions', (SELECT count(*) FROM executions)::text);
TRUNCATE hostile.tripwire;

INSERT INTO observed VALUES (4, 'etl_ingest_execution', public.etl_ingest_execution(
    800952, 'wf-hijack', 'success', 'webhook', NULL, NULL, '2024-05-01 10:00+00', '2024-05-01 10:00:02+00'
)::text);
INSERT INTO observed VALUES (5, 'etl_complete, wrong token', public.etl_complete(
    800951, uuid '00000000-0000-4000-8000-000000000666', NULL
)::text);
INSERT INTO observed VALUES (6, 'etl_fail, wrong token', coalesce(public.etl_fail(
    800951, uuid '00000000-0000-4000-8000-000000000666', 'x'
), 'NULL'));
INSERT INTO observed VALUES (7, 'etl_renew_leases, wrong token', (SELECT count(*) FROM public.etl_renew_leases(
    '{800951}', '{00000000-0000-4000-8000-000000000666}', 5
))::text);
INSERT INTO observed VALUES (8, 'etl_complete, live token', public.etl_complete(
    800951,
    '00000000-0000-4000-8000-000000000951', NULL
)::text);
INSERT INTO observed VALUES (9, 'etl_retry', public.etl_retry('failed', '{800952}')::text);
INSERT INTO observed VALUES (10, 'etl_reprocess', public.etl_reprocess(NULL, '{800953}')::text);
INSERT INTO observed VALUES (11, 'etl_reap_expired_leases', public.etl_reap_expired_leases()::text);
INSERT INTO observed VALUES (12, 'etl_count_n8n_finished >= 0',
    (public.etl_count_n8n_finished(pg_catalog.now() - interval '1 minute') >= 0)::text);
INSERT INTO observed VALUES (13, 'etl_heartbeat', (SELECT 'ran' FROM public.etl_heartbeat('hijack:1', 'busy')));
INSERT INTO observed VALUES (14, 'etl_maintenance (prunes by etl_setting)', (SELECT 'ran' FROM public.etl_maintenance()));
INSERT INTO observed VALUES (15, 'etl_health_json', (public.etl_health_json() IS NOT NULL)::text);
INSERT INTO observed VALUES (16, 'etl_execution_status', (SELECT 'ran' FROM public.etl_execution_status(800952) LIMIT 1));
INSERT INTO observed VALUES (17, 'etl_n8n_link_health', (SELECT n8n_reachable::text FROM public.etl_n8n_link_health('1 hour')));
INSERT INTO observed VALUES (18, 'etl_xmin_horizon', (SELECT 'ran' FROM (SELECT count(*) FROM public.etl_xmin_horizon()) AS x));
INSERT INTO observed VALUES (19, 'etl_refresh_data_quality', (SELECT 'ran' FROM public.etl_refresh_data_quality(2)));
INSERT INTO observed VALUES (20, 'etl_alerts view', (SELECT 'ran' FROM (SELECT count(*) FROM public.etl_alerts) AS a));
INSERT INTO observed VALUES (21, 'etl_prune_queue', public.etl_prune_queue()::text);
INSERT INTO observed VALUES (23, 'etl_next_ready_in', (SELECT 'ran' FROM public.etl_next_ready_in()));
INSERT INTO observed VALUES (22, 'etl_claim extracts execution 10',
    (SELECT count(*) FROM public.etl_claim('hijack', 100, 30) WHERE execution_id = 10)::text);
RESET search_path;
RESET ROLE;

SELECT results_eq(
    $$SELECT what, value FROM observed ORDER BY step$$,
    $$VALUES
        ('now()', '2000-01-01 00:00:00+00'),
        ('gen_random_uuid() = another uuid', 'true'),
        ('rows in executions', '0'),
        ('etl_ingest_execution', 'true'),
        ('etl_complete, wrong token', 'false'),
        ('etl_fail, wrong token', 'NULL'),
        ('etl_renew_leases, wrong token', '0'),
        ('etl_complete, live token', 'true'),
        ('etl_retry', '0'),
        ('etl_reprocess', '0'),
        ('etl_reap_expired_leases', '0'),
        ('etl_count_n8n_finished >= 0', 'true'),
        ('etl_heartbeat', 'ran'),
        ('etl_maintenance (prunes by etl_setting)', 'ran'),
        ('etl_health_json', 'true'),
        ('etl_execution_status', 'ran'),
        ('etl_n8n_link_health', 'true'),
        ('etl_xmin_horizon', 'ran'),
        ('etl_refresh_data_quality', 'ran'),
        ('etl_alerts view', 'ran'),
        ('etl_prune_queue', '0'),
        ('etl_claim extracts execution 10', '1'),
        ('etl_next_ready_in', 'ran')$$,
    'the look-alikes capture the caller (1-3), never the definer functions and views (4-23)'
);
SELECT is_empty($$SELECT fn FROM hostile.tripwire$$, 'no look-alike ran inside a definer function');
SELECT results_eq(
    $$SELECT e.execution_timestamp, e.duration_ms, q.max_attempts, q.status, q.completed_at > '2001-01-01'
      FROM public.executions AS e JOIN public.etl_processing_queue AS q ON q.execution_id = e.id
      WHERE e.id = 800952$$,
    $$VALUES (timestamptz '2024-05-01 10:00+00', 2000::bigint, 5, 'pending', NULL::boolean)$$,
    'the real executions row and queue item, with the real settings and clock (n8n has no such '
    'execution, recorded within gone_grace: the claim deferred it)'
);
SELECT results_eq(
    $$SELECT status, claim_token IS NULL, completed_at > '2001-01-01' FROM public.etl_processing_queue WHERE execution_id = 800951$$,
    $$VALUES ('completed', true, true)$$,
    'the claimed item completed once, with the live token, at the real time'
);
SELECT results_eq(
    $$SELECT a.risk_level, a.confidence_score, a.smoke_detected, n.telegram_sent, n.telegram_message_id
      FROM public.execution_analysis AS a JOIN public.execution_notifications AS n USING (execution_id)
      WHERE execution_id = 10$$,
    $$VALUES ('low'::text, 0.700::numeric, false, true, 1007::bigint)$$,
    'the claim extracted execution 10''s real analysis and alert (no look-alike parser)'
);
SELECT is(
    (SELECT count(*)::integer FROM hostile.executions) + (SELECT count(*)::integer FROM hostile.etl_processing_queue),
    0,
    'the hostile tables were not touched'
);

SELECT * FROM finish();
ROLLBACK;
