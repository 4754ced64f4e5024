"""yoyo post-apply hook: re-install sql/n8n/ (functions, views, grants) after any migration."""

from yoyo import step

from sai_etl.install.schema import apply_sql

steps = [step(lambda conn: apply_sql(conn, "n8n"))]
