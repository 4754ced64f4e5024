"""The simulator's safety catch: it writes only into an n8n database marked as a sandbox.

The mark is the database's comment (COMMENT ON DATABASE), beginning with MARK. `sai-etl-dev
sandbox` sets it, and only on a database that holds no execution yet: scripts/setup-db does so
for the demo, the tests and the benchmarks right after creating the database. A production n8n
database has executions (or a comment of its own), so it cannot be marked by accident, and an
unmarked database is refused before the simulator writes anything.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

MARK = "sai-etl sandbox"
COMMENT = (
    f"{MARK}: a throwaway n8n database made for sai-etl's demo, tests or benchmarks; "
    "sai-etl-dev may write simulated executions here."
)


class NotASandbox(RuntimeError):
    """The database is not marked as a sandbox (or may not be marked)."""


def is_sandbox(conn: psycopg.Connection) -> bool:
    (comment,) = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
        "WHERE datname = current_database()"
    ).fetchone()
    return comment is not None and comment.startswith(MARK)


def require_sandbox(conn: psycopg.Connection) -> None:
    """Raise NotASandbox unless `conn`'s database carries the mark."""
    if not is_sandbox(conn):
        raise NotASandbox(
            f"database {conn.info.dbname} on {conn.info.host} is not a sai-etl sandbox: the "
            "simulator writes only into databases marked with `sai-etl-dev sandbox` "
            "(scripts/setup-db marks the ones it creates)"
        )


def mark(conn: psycopg.Connection) -> None:
    """Mark `conn`'s database as a sandbox; refused when it holds executions or a comment of
    its own (a real n8n database)."""
    if is_sandbox(conn):
        return
    (comment, has_executions) = conn.execute(
        "SELECT shobj_description(oid, 'pg_database'), to_regclass('execution_entity') IS NOT NULL "
        "FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    executions = 0
    if has_executions:
        (executions,) = conn.execute("SELECT count(*) FROM execution_entity").fetchone()
    if comment is not None:
        raise NotASandbox(f"database {conn.info.dbname} already has a comment: {comment!r}")
    if executions:
        raise NotASandbox(
            f"database {conn.info.dbname} holds {executions} executions: not a new sandbox"
        )
    conn.execute(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(conn.info.dbname), sql.Literal(COMMENT)
        )
    )
