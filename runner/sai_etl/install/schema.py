"""Installing sai-etl's schema: yoyo migrations, then the idempotent sql/ files."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql
from yoyo import read_migrations
from yoyo.backends.core.postgresql import PostgresqlPsycopgBackend
from yoyo.connections import parse_uri

from sai_etl.install.paths import migrations_dir, sql_dir

MIGRATION_TABLE = "_yoyo_migration"
# yoyo's bookkeeping tables (yoyo names all but the first itself).
YOYO_TABLES = (MIGRATION_TABLE, "_yoyo_log", "_yoyo_version", "yoyo_lock")
# n8n's database belongs to n8n: there yoyo keeps its bookkeeping in a schema of its own, never
# in public. The dashboard's migrations create their tables unqualified, in public, with it.
BOOKKEEPING_SCHEMA = {"n8n": "sai_etl_migrations", "dashboard": None}


def apply_sql(conn: Any, database: str) -> list[str]:
    """Run every sql/<database>/ file in path order (concern folders, then files); each is
    idempotent."""
    root = sql_dir(database)
    applied = []
    cursor = conn.cursor()
    for path in sorted(root.rglob("*.sql"), key=lambda p: p.relative_to(root).parts):
        cursor.execute(path.read_text())
        applied.append(str(path.relative_to(root)))
    return applied


class _DsnBackend(PostgresqlPsycopgBackend):
    """yoyo's psycopg 3 backend, connected from a libpq connection string (or service). With
    `schema` set, yoyo's connections use it as their only search_path (yoyo's own mechanism)."""

    dsn = ""

    def connect(self, dburi: Any) -> psycopg.Connection:
        return psycopg.connect(self.dsn, autocommit=True)


def backend(dsn: str, database: str) -> PostgresqlPsycopgBackend:
    schema = BOOKKEEPING_SCHEMA[database]
    if schema is not None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            conn.execute(
                sql.SQL("COMMENT ON SCHEMA {} IS {}").format(
                    sql.Identifier(schema),
                    sql.Literal(
                        "sai-etl's migration bookkeeping (yoyo), kept out of n8n's public."
                    ),
                )
            )
    cls = type("SaiBackend", (_DsnBackend,), {"dsn": dsn, "schema": schema})
    instance = cls(parse_uri("postgresql+psycopg:///"), MIGRATION_TABLE)
    instance.init_database()
    return instance


def _drop_bookkeeping(dsn: str, database: str) -> None:
    schema = BOOKKEEPING_SCHEMA[database]
    with psycopg.connect(dsn, autocommit=True) as conn:
        if schema is not None:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
        else:
            conn.execute(
                sql.SQL("DROP TABLE IF EXISTS {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, YOYO_TABLES))
                )
            )


def migrate(dsn: str, database: str) -> list[str]:
    """Apply the pending migrations of one database (the post-apply hook re-runs sql/);
    with none pending, re-run sql/ so function changes still land. Returns what was applied."""
    yoyo = backend(dsn, database)
    migrations = read_migrations(str(migrations_dir(database)))
    with yoyo.lock():
        pending = yoyo.to_apply(migrations)
        yoyo.apply_migrations(pending)
        if not pending:
            with psycopg.connect(dsn, autocommit=True) as conn:
                apply_sql(conn, database)
    return [m.id for m in pending]


def rollback(dsn: str, database: str, count: int | None = None) -> list[str]:
    """Roll back the last `count` applied migrations. All of them (count None) is an uninstall:
    yoyo's bookkeeping goes too, leaving no sai-etl table behind."""
    yoyo = backend(dsn, database)
    migrations = read_migrations(str(migrations_dir(database)))
    with yoyo.lock():
        done = yoyo.to_rollback(migrations)
        if count is not None:
            done = done[:count]
        yoyo.rollback_migrations(done)
    yoyo.connection.close()
    if count is None:
        _drop_bookkeeping(dsn, database)
    return [m.id for m in done]
