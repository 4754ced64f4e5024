-- sql/dashboard's functions and views (all named etl_*) go first: some depend on these tables'
-- row types, and none may outlive them. The post-apply hook re-creates them after a migration.
DO $$
DECLARE
    v_drop text;
BEGIN
    FOR v_drop IN
        SELECT format(
            'DROP %s IF EXISTS %s CASCADE',
            CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, c.oid::regclass
        )
        FROM pg_class AS c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm') AND c.relname LIKE 'etl\_%'
        UNION ALL
        SELECT format('DROP FUNCTION IF EXISTS %s CASCADE', p.oid::regprocedure)
        FROM pg_proc AS p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'etl\_%'
    LOOP
        EXECUTE v_drop;
    END LOOP;
END
$$;

DROP SCHEMA n8n CASCADE;
DROP SERVER sai_n8n CASCADE; -- noqa: PRS
DROP TABLE etl_sweep_runs;
DROP TABLE etl_settings;
DROP TABLE etl_processing_queue;
DROP TABLE executions;
