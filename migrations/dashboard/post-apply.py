"""yoyo post-apply hook: re-install sql/dashboard/ (functions, views, grants) after any migration."""

from yoyo import step

from sai_etl.install.schema import apply_sql

steps = [step(lambda conn: apply_sql(conn, "dashboard"))]
