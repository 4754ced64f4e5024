"""`sai-etl reprocess --since`: run Stage 2 again, after the extraction improved."""

from __future__ import annotations

import argparse

from sai_etl import db, durations


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reprocess",
        help="queue Stage 2 again for executions that finished since a time",
        description=(
            "Queues Stage 2 again, at backfill priority, for executions that finished since "
            "--since (optionally only the given ids) and whose item is done (completed, failed "
            "or skipped); items in flight are left alone. The new extraction and image replace "
            "the old ones."
        ),
    )
    parser.add_argument(
        "--since", required=True, type=durations.since, help="a span back (7d, 12h) or a date"
    )
    parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="n8n execution ids")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with db.dashboard("reprocess") as conn:
        (count,) = conn.execute(
            "SELECT etl_reprocess(%s::timestamptz, %s::bigint[])", [args.since, args.ids or None]
        ).fetchone()
    print(f"requeued {count} item{'s' if count != 1 else ''} for Stage 2")
    return 0
