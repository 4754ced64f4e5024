"""`sai-etl migrate`: install or upgrade both databases and set up the links between them."""

from __future__ import annotations

import argparse
import os

from sai_etl import config, db
from sai_etl.install import links, plan, schema


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "migrate",
        help="apply migrations and sql/ to both databases, set up the links",
        description=(
            "Applies the yoyo migrations (and re-applies sql/) to n8n's database (SAI_N8N_DSN) "
            "and to sai_dashboard (SAI_DASHBOARD_DSN), then points the n8n -> dashboard dblink "
            "server and the dashboard -> n8n postgres_fdw server at each other. By default each "
            "server reaches the other at the address the runner used; SAI_LINK_DASHBOARD_DSN / "
            "SAI_LINK_N8N_DSN override that (host, port, dbname, sslmode are taken from them). "
            "n8n's own tables are never altered; the trigger is added to execution_entity."
        ),
    )
    parser.add_argument(
        "--rotate-link-passwords",
        action="store_true",
        help="set new passwords for the link roles even when the links work",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="list the migrations that would run; connect, read, change nothing",
    )
    parser.set_defaults(func=run)


def dry_run(n8n_dsn: str, dashboard_dsn: str) -> int:
    for database, dsn in (("n8n", n8n_dsn), ("dashboard", dashboard_dsn)):
        todo = plan.pending(dsn, database)
        print(f"{database}: {len(todo)} migration(s) would be applied {todo or ''}".rstrip())
        print(f"{database}: then the {plan.sql_files(database)} files of sql/{database} re-applied")
    print("links: each checked; a new password set only where a link does not answer")
    return 0


def run(args: argparse.Namespace) -> int:
    n8n_dsn = config.require("SAI_N8N_DSN")
    dashboard_dsn = config.require("SAI_DASHBOARD_DSN")
    if args.dry_run:
        return dry_run(n8n_dsn, dashboard_dsn)
    for database, dsn in (("n8n", n8n_dsn), ("dashboard", dashboard_dsn)):
        applied = schema.migrate(dsn, database)
        print(f"{database}: {len(applied)} migration(s) applied {applied or ''}".rstrip())
    with db.connect(n8n_dsn, "migrate") as n8n, db.connect(dashboard_dsn, "migrate") as dash:
        for source, target, link, override in (
            (n8n, dash, links.DASHBOARD_LINK, "SAI_LINK_DASHBOARD_DSN"),
            (dash, n8n, links.N8N_LINK, "SAI_LINK_N8N_DSN"),
        ):
            target_address = links.address(target, os.environ.get(override))
            rotated = links.configure(
                source, target, link, target_address, rotate=args.rotate_link_passwords
            )
            state = "configured, new password" if rotated else "working"
            print(f"link {link.server} -> {target_address.get('dbname')}: {state}")
    return 0
