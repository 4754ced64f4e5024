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
    parser.add_argument(
        "--dry-run", action="store_true", help="list the items that would be queued again"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.dry_run:
        with db.dashboard("reprocess") as conn:
            rows = conn.execute(
                "SELECT execution_id, status, completion_timestamp FROM etl_reprocess_preview("
                "%s::timestamptz, %s::bigint[])",
                [args.since, args.ids or None],
            ).fetchall()
        print(f"would requeue {len(rows)} item{'s' if len(rows) != 1 else ''} for Stage 2")
        for execution_id, status, finished in rows:
            print(f"  {execution_id}\t{status}\tfinished {finished:%Y-%m-%d %H:%M:%S%z}")
        return 0
    with db.dashboard("reprocess") as conn:
        (count,) = conn.execute(
            "SELECT etl_reprocess(%s::timestamptz, %s::bigint[])", [args.since, args.ids or None]
        ).fetchone()
    print(f"requeued {count} item{'s' if count != 1 else ''} for Stage 2")
    return 0
