DROP SERVER sai_dashboard CASCADE; -- noqa: PRS
DROP SCHEMA sai_etl CASCADE;
