"""`sai-etl workflows add|remove|list`: which n8n workflows Stage 1 carries."""

from __future__ import annotations

import argparse
import sys

from sai_etl import db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "workflows",
        help="list, add or remove watched n8n workflows (kept in n8n's database)",
        description="Watched workflows live in n8n's database, table sai_etl.watched_workflows.",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="watch workflows")
    add.add_argument("ids", nargs="+", metavar="ID")
    add.add_argument("--note", help="why this workflow is watched")
    remove = actions.add_parser("remove", help="stop watching workflows")
    remove.add_argument("ids", nargs="+", metavar="ID")
    actions.add_parser("list", help="show watched workflows")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    with db.n8n() as conn:
        if args.action == "list":
            rows = conn.execute(
                "SELECT w.workflow_id, w.added_at, w.note FROM sai_etl.watched_workflows AS w "
                "ORDER BY w.workflow_id"
            ).fetchall()
            for workflow_id, added_at, note in rows:
                print(f"{workflow_id}\t{added_at:%Y-%m-%d %H:%M}\t{note or ''}".rstrip())
            if not rows:
                print("no watched workflows", file=sys.stderr)
        elif args.action == "add":
            for workflow_id in args.ids:
                (known,) = conn.execute(
                    "SELECT sai_etl.watch_workflow(%s::text, %s::text)", [workflow_id, args.note]
                ).fetchone()
                suffix = "" if known else " (not in n8n's workflow_entity yet)"
                print(f"watching {workflow_id}{suffix}")
        else:
            for workflow_id in args.ids:
                (was,) = conn.execute(
                    "SELECT sai_etl.unwatch_workflow(%s::text)", [workflow_id]
                ).fetchone()
                print(f"{'stopped watching' if was else 'was not watching'} {workflow_id}")
                status |= 0 if was else 1
    return status
