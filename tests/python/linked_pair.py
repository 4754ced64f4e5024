"""A fresh, linked n8n + sai_dashboard pair of databases next to the test pair, for tests that
need a database state of their own.

scripts/setup-db sets new passwords for the link roles, which are cluster-wide, and so breaks the
links of every pair made before. Here the new pair borrows the test pair's working link settings
(server address options and user mappings) instead, so both pairs keep working.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

ROOT = Path(__file__).resolve().parents[2]
N8N_SCHEMA = ROOT / "tests" / "fixtures" / "n8n-1.123" / "schema.sql"
SAI_WORKFLOWS = ("yDbfhooKemfhMIkC", "saiJsonCam000001")
MIGRATE = "import sys; from sai_etl import schema; schema.migrate(sys.argv[1], sys.argv[2])"


@dataclass(frozen=True)
class Pair:
    n8n_dsn: str
    dashboard_dsn: str


def _options(conn: psycopg.Connection, server: str) -> tuple[dict[str, str], dict[str, str]]:
    """A foreign server's options and the current user's mapping options."""
    srv, um = conn.execute(
        "SELECT s.srvoptions, m.umoptions FROM pg_foreign_server AS s "
        "JOIN pg_user_mappings AS m ON m.srvid = s.oid AND m.usename = current_user "
        "WHERE s.srvname = %s",
        [server],
    ).fetchone()
    return dict(o.split("=", 1) for o in srv), dict(o.split("=", 1) for o in um)


def _borrow_link(source_dsn: str, target_dsn: str, server: str, dbname: str) -> None:
    """Point `server` in target's database where source's points, but at database `dbname`."""
    with psycopg.connect(source_dsn, autocommit=True) as source:
        server_options, mapping = _options(source, server)
    server_options["dbname"] = dbname
    with psycopg.connect(target_dsn, autocommit=True) as target:
        current = dict(
            o.split("=", 1)
            for o in target.execute(
                "SELECT coalesce(srvoptions, '{}') FROM pg_foreign_server WHERE srvname = %s",
                [server],
            ).fetchone()[0]
        )
        actions = [
            sql.SQL("{} {} {}").format(
                sql.SQL("SET" if key in current else "ADD"), sql.Identifier(key), sql.Literal(value)
            )
            for key, value in server_options.items()
        ]
        target.execute(
            sql.SQL("ALTER SERVER {} OPTIONS ({})").format(
                sql.Identifier(server), sql.SQL(", ").join(actions)
            )
        )
        target.execute(
            sql.SQL("CREATE USER MAPPING FOR CURRENT_USER SERVER {} OPTIONS ({})").format(
                sql.Identifier(server),
                sql.SQL(", ").join(
                    sql.SQL("{} {}").format(sql.Identifier(k), sql.Literal(v))
                    for k, v in mapping.items()
                ),
            )
        )


def _migrate(dsn: str, database: str) -> None:
    """sai_etl.schema.migrate in a child process: yoyo's uuid1() reseeds the C library's rand(),
    which other tests in this process (Pillow's effect_noise) depend on."""
    subprocess.run(
        [sys.executable, "-c", MIGRATE, dsn, database], check=True, stdout=subprocess.DEVNULL
    )


@contextmanager
def linked_pair(base: Pair, prefix: str) -> Iterator[Pair]:
    """Databases `<prefix>_n8n` (n8n 1.123's schema, no executions) and `<prefix>_dash`, migrated
    and linked both ways, the SAI workflows watched; dropped afterwards."""
    names = (f"{prefix}_n8n", f"{prefix}_dash")
    admin_dsn = make_conninfo(base.dashboard_dsn, dbname="postgres")

    def drop() -> None:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            for name in names:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

    drop()
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        for name in names:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    pair = Pair(
        n8n_dsn=make_conninfo(base.n8n_dsn, dbname=names[0]),
        dashboard_dsn=make_conninfo(base.dashboard_dsn, dbname=names[1]),
    )
    try:
        subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                pair.n8n_dsn,
                "-f",
                str(N8N_SCHEMA),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _migrate(pair.n8n_dsn, "n8n")
        _migrate(pair.dashboard_dsn, "dashboard")
        _borrow_link(base.dashboard_dsn, pair.dashboard_dsn, "sai_n8n", names[0])
        _borrow_link(base.n8n_dsn, pair.n8n_dsn, "sai_dashboard", names[1])
        with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
            for workflow in SAI_WORKFLOWS:
                n8n.execute("SELECT sai_etl.watch_workflow(%s::text, NULL::text)", [workflow])
        yield pair
    finally:
        drop()
