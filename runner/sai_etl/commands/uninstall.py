"""`sai-etl uninstall`: remove everything `sai-etl migrate` installed, leaving n8n as it was."""

from __future__ import annotations

import argparse
import sys

import psycopg
from psycopg import sql

from sai_etl import config, db
from sai_etl.install import links, schema

# The group roles the migrations create: cluster-wide, so dropped only when no database uses them.
GROUP_ROLES = ("sai_etl_ingest", "sai_etl_reader", "sai_etl_runner")

PLAN = """\
sai-etl uninstall would remove:
  n8n database {n8n}: the Stage 1 triggers on execution_entity, schema sai_etl (outbox, watched
    workflows, functions, dblink), the link server sai_dashboard, sai-etl's grants on n8n's tables,
    and yoyo's bookkeeping schema sai_etl_migrations; n8n's own tables and rows stay as they are
  dashboard database {dashboard}: every sai-etl table with its rows (executions, analyses, image
    and notification records, queue), views, functions, the link server sai_n8n and schema n8n
  roles: the link logins {logins}, then {groups} where no other database still uses them
  image files on disk are not touched (delete SAI_IMAGE_DIR yourself when you mean to)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "uninstall",
        help="remove sai-etl from both databases (trigger, schemas, links, roles)",
        description=(
            "Rolls back every migration of n8n's database (SAI_N8N_DSN) and of sai_dashboard "
            "(SAI_DASHBOARD_DSN), then drops the link login roles and the sai_etl_* group roles "
            "that no other database still uses. n8n's own tables are left exactly as they were. "
            "Asks for confirmation unless --yes."
        ),
    )
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--dry-run", action="store_true", help="say what would go, change nothing")
    parser.set_defaults(func=run)


def _confirmed(args: argparse.Namespace, dashboard: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(
            "sai-etl uninstall: not confirmed (pass --yes when not at a terminal)", file=sys.stderr
        )
        return False
    answer = input(f"type the dashboard database's name ({dashboard}) to remove sai-etl: ")
    return answer.strip() == dashboard


def _drop_role(conn: psycopg.Connection, role: str) -> str:
    """Drop `role` if it exists; kept (and why) when another database still depends on it."""
    try:
        with conn.transaction():
            (exists,) = conn.execute(
                "SELECT count(*) FROM pg_roles WHERE rolname = %s", [role]
            ).fetchone()
            if not exists:
                return "absent"
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
        return "dropped"
    except psycopg.errors.DependentObjectsStillExist:
        return "kept: another database on this server still uses it"


def run(args: argparse.Namespace) -> int:
    n8n_dsn = config.require("SAI_N8N_DSN")
    dashboard_dsn = config.require("SAI_DASHBOARD_DSN")
    with db.connect(n8n_dsn, "uninstall") as n8n, db.connect(dashboard_dsn, "uninstall") as dash:
        # Each link's login lives in the other database's cluster (links.login_role).
        ingest_login = links.login_role(n8n, links.DASHBOARD_LINK)
        reader_login = links.login_role(dash, links.N8N_LINK)
        dashboard_name = dash.info.dbname
        print(
            PLAN.format(
                n8n=n8n.info.dbname,
                dashboard=dashboard_name,
                logins=f"{ingest_login}, {reader_login}",
                groups=", ".join(GROUP_ROLES),
            ),
            end="",
        )
    if args.dry_run or not _confirmed(args, dashboard_name):
        return 0 if args.dry_run else 1
    for database, dsn in (("n8n", n8n_dsn), ("dashboard", dashboard_dsn)):
        done = schema.rollback(dsn, database)
        print(f"{database}: {len(done)} migration(s) rolled back {done or ''}".rstrip())
    with db.connect(n8n_dsn, "uninstall") as n8n, db.connect(dashboard_dsn, "uninstall") as dash:
        for conn, role in ((dash, ingest_login), (n8n, reader_login)):
            print(f"role {role}: {_drop_role(conn, role)}")
        same_server = n8n.info.host == dash.info.host and n8n.info.port == dash.info.port
        for conn in (n8n,) if same_server else (n8n, dash):
            for role in GROUP_ROLES:
                print(f"role {role}: {_drop_role(conn, role)}")
    return 0
