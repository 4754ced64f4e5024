"""What `sai-etl migrate` would do, read without writing (`migrate --dry-run`): the migrations
yoyo has not applied yet, from its bookkeeping table when there is one."""

from __future__ import annotations

import psycopg
from psycopg import sql
from yoyo import read_migrations

from sai_etl.install.paths import migrations_dir, sql_dir
from sai_etl.install.schema import BOOKKEEPING_SCHEMA, MIGRATION_TABLE


def pending(dsn: str, database: str) -> list[str]:
    """Ids of the migrations of `database` not applied to it yet, in order."""
    ids = [m.id for m in read_migrations(str(migrations_dir(database)))]
    table = sql.Identifier(BOOKKEEPING_SCHEMA[database] or "public", MIGRATION_TABLE)
    with psycopg.connect(dsn) as conn:
        (exists,) = conn.execute(
            "SELECT to_regclass(%s) IS NOT NULL", [table.as_string(conn)]
        ).fetchone()
        applied = (
            {row[0] for row in conn.execute(sql.SQL("SELECT migration_id FROM {}").format(table))}
            if exists
            else set()
        )
    return [i for i in ids if i not in applied]


def sql_files(database: str) -> int:
    """How many sql/<database>/ files a migration (re-)applies."""
    return sum(1 for _ in sql_dir(database).rglob("*.sql"))
