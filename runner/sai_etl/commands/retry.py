"""`sai-etl retry`: reopen failed or skipped Stage 2 items."""

from __future__ import annotations

import argparse

from sai_etl import db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "retry",
        help="reopen failed (default) or skipped Stage 2 items, with fresh attempts",
        description=(
            "Puts failed items (retries exhausted) or skipped ones (source gone) back into the "
            "queue with fresh attempts; a running runner picks them up at once (NOTIFY). "
            "With execution ids and no flag, those executions' items in either state."
        ),
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--failed", action="store_true", help="items that failed (default)")
    which.add_argument("--skipped", action="store_true", help="items skipped as source gone")
    parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="n8n execution ids")
    parser.add_argument(
        "--dry-run", action="store_true", help="list the items that would be reopened"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.failed or args.skipped:
        statuses = ["failed"] if args.failed else ["skipped"]
    else:
        statuses = ["failed", "skipped"] if args.ids else ["failed"]
    ids = args.ids or None
    with db.dashboard("retry") as conn:
        for status in statuses:
            if args.dry_run:
                rows = conn.execute(
                    "SELECT execution_id, attempts, last_error FROM etl_retry_preview("
                    "%s::text, %s::bigint[])",
                    [status, ids],
                ).fetchall()
                print(f"would reopen {len(rows)} {status} item{'s' if len(rows) != 1 else ''}")
                for execution_id, attempts, error in rows:
                    print(f"  {execution_id}\t{attempts} attempts\t{error or ''}".rstrip())
                continue
            (count,) = conn.execute(
                "SELECT etl_retry(%s::text, %s::bigint[])", [status, ids]
            ).fetchone()
            print(f"reopened {count} {status} item{'s' if count != 1 else ''}")
    return 0
