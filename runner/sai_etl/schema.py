"""Installing sai-etl's schema: yoyo migrations, then the idempotent sql/ files."""

from __future__ import annotations

from typing import Any

import psycopg
from yoyo import read_migrations
from yoyo.backends.core.postgresql import PostgresqlPsycopgBackend
from yoyo.connections import parse_uri

from sai_etl.paths import migrations_dir, sql_dir

MIGRATION_TABLE = "_yoyo_migration"


def apply_sql(conn: Any, database: str) -> list[str]:
    """Run every sql/<database>/*.sql file in name order; each is idempotent."""
    applied = []
    cursor = conn.cursor()
    for path in sorted(sql_dir(database).glob("*.sql")):
        cursor.execute(path.read_text())
        applied.append(path.name)
    return applied


class _DsnBackend(PostgresqlPsycopgBackend):
    """yoyo's psycopg 3 backend, connected from a libpq connection string (or service)."""

    dsn = ""

    def connect(self, dburi: Any) -> psycopg.Connection:
        return psycopg.connect(self.dsn, autocommit=True)


def backend(dsn: str) -> PostgresqlPsycopgBackend:
    cls = type("SaiBackend", (_DsnBackend,), {"dsn": dsn})
    instance = cls(parse_uri("postgresql+psycopg:///"), MIGRATION_TABLE)
    instance.init_database()
    return instance


def migrate(dsn: str, database: str) -> list[str]:
    """Apply the pending migrations of one database (the post-apply hook re-runs sql/);
    with none pending, re-run sql/ so function changes still land. Returns what was applied."""
    yoyo = backend(dsn)
    migrations = read_migrations(str(migrations_dir(database)))
    with yoyo.lock():
        pending = yoyo.to_apply(migrations)
        yoyo.apply_migrations(pending)
        if not pending:
            with psycopg.connect(dsn, autocommit=True) as conn:
                apply_sql(conn, database)
    return [m.id for m in pending]


def rollback(dsn: str, database: str, count: int | None = None) -> list[str]:
    """Roll back the last `count` applied migrations (all when None)."""
    yoyo = backend(dsn)
    migrations = read_migrations(str(migrations_dir(database)))
    with yoyo.lock():
        done = yoyo.to_rollback(migrations)
        if count is not None:
            done = done[:count]
        yoyo.rollback_migrations(done)
    return [m.id for m in done]
