"""Installing sai-etl's schema: yoyo migrations, then the idempotent sql/ files."""

from __future__ import annotations

from pathlib import Path
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


# The functions and views sql/<database>/ owns: a dashboard's etl_* in public; in n8n's database
# all of schema sai_etl but extension members (dblink), never n8n's own.
OWNED = {"dashboard": ("public", r"etl\_%"), "n8n": ("sai_etl", "%")}

# Each owned function and view with the version of its catalog row (xmin; a view's is its
# _RETURN rule's). CREATE OR REPLACE rewrites that row, so what a re-apply of sql/ leaves at the
# version it had before is what no file declares any more.
_OWNED_OBJECTS = """
SELECT 'ROUTINE' AS kind, p.oid, p.oid::regprocedure::text AS name, p.xmin::text AS version
FROM pg_catalog.pg_proc AS p
WHERE p.pronamespace = to_regnamespace(%(schema)s) AND p.proname LIKE %(pattern)s
  AND NOT EXISTS (
      SELECT FROM pg_catalog.pg_depend AS d
      WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  )
UNION ALL
SELECT 'VIEW', c.oid, c.oid::regclass::text, r.xmin::text
FROM pg_catalog.pg_class AS c
INNER JOIN pg_catalog.pg_rewrite AS r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
WHERE c.relkind = 'v' AND c.relnamespace = to_regnamespace(%(schema)s)
  AND c.relname LIKE %(pattern)s
"""


def _owned(cursor: Any, database: str) -> dict[tuple[str, int], tuple[str, str]]:
    schema, pattern = OWNED[database]
    cursor.execute(_OWNED_OBJECTS, {"schema": schema, "pattern": pattern})
    return {(kind, oid): (name, version) for kind, oid, name, version in cursor.fetchall()}


def apply_sql(conn: Any, database: str, root: Path | None = None) -> list[str]:
    """Run every sql/<database>/ file in path order (concern folders, then files; each is
    idempotent), then drop the owned functions and views no file declares any more, all in one
    transaction: an upgraded database ends as a fresh one, and a failure changes nothing.
    Returns the objects dropped. `root` replaces the installed sql/<database>/ (tests)."""
    root = root or sql_dir(database)
    dropped = []
    with conn.transaction():
        cursor = conn.cursor()
        before = _owned(cursor, database)
        for path in sorted(root.rglob("*.sql"), key=lambda p: p.relative_to(root).parts):
            cursor.execute(path.read_text())
        after = _owned(cursor, database)
        undeclared = [key for key, row in after.items() if before.get(key) == row]
        # Views first (they may use the functions), newest first (a view may use an older one).
        for kind, oid in sorted(undeclared, key=lambda k: (k[0] != "VIEW", -k[1])):
            name = after[(kind, oid)][0]
            cursor.execute(f"DROP {kind} {name}")
            dropped.append(name)
    return dropped


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
