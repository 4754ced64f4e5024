"""`sai-etl backfill --since`: Stage 1 for past executions, at the lowest priority."""

from __future__ import annotations

import argparse
import sys
import time

from sai_etl import db, durations

BACKFILL_PRIORITY = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backfill",
        help="record past executions of watched workflows (never automatic)",
        description=(
            "Records, set by set, every finished execution of a watched workflow that stopped "
            "since the given time and that the dashboard lacks; Stage 2 takes them after new work "
            f"(priority {BACKFILL_PRIORITY})."
        ),
    )
    parser.add_argument(
        "--since", required=True, type=durations.since, help="a span back (7d, 12h) or a date"
    )
    parser.add_argument("--batch", type=int, default=10000, help="executions per round trip")
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar (there is none off a terminal)"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="count the executions that would be added (read through the link), add none",
    )
    parser.set_defaults(func=run)


def _progress(done: int, total: int, added: int, started: float) -> None:
    width = 30
    share = done / total if total else 1.0
    bar = "#" * int(share * width)
    rate = done / max(time.monotonic() - started, 1e-9)
    sys.stderr.write(
        f"\rbackfill [{bar:<{width}}] {done}/{total} scanned, {added} added, {rate:,.0f}/s"
    )
    sys.stderr.flush()


def dry_run(args: argparse.Namespace) -> int:
    """What etl_n8n_link_health counts over the same span: the watched workflows' finished
    executions in n8n, and how many of them the dashboard lacks (what a backfill adds)."""
    with db.dashboard("backfill") as conn:
        reachable, error, finished, missing = conn.execute(
            "SELECT n8n_reachable, n8n_error, n8n_finished, n8n_missing "
            "FROM etl_n8n_link_health(now() - %s::timestamptz)",
            [args.since],
        ).fetchone()
    if not reachable:
        print(f"sai-etl backfill: n8n cannot be read through the link: {error}", file=sys.stderr)
        return 1
    print(
        f"backfill since {args.since:%Y-%m-%d %H:%M:%S%z} would add {missing} of {finished} "
        f"finished executions of watched workflows (the rest are in the dashboard), "
        f"at priority {BACKFILL_PRIORITY}"
    )
    return 0


def run(args: argparse.Namespace) -> int:
    if args.batch <= 0:
        raise SystemExit("sai-etl backfill: --batch must be positive")
    if args.dry_run:
        return dry_run(args)
    # The bar redraws one line with \r: only for a person at a terminal, never into a log.
    show = not args.quiet and sys.stderr.isatty()
    with db.dashboard("backfill") as conn:
        (total,) = conn.execute(
            "SELECT etl_count_n8n_finished(%s::timestamptz)", [args.since]
        ).fetchone()
        scanned = added = 0
        after = 0
        started = time.monotonic()
        while True:
            step_scanned, step_added, last_id = conn.execute(
                "SELECT scanned, ingested, last_id FROM etl_ingest_from_n8n("
                "%s::timestamptz, %s::bigint, %s::integer, 'backfill', %s::integer)",
                [args.since, after, args.batch, BACKFILL_PRIORITY],
            ).fetchone()
            scanned += step_scanned
            added += step_added
            if show:
                _progress(scanned, max(total, scanned), added, started)
            if step_scanned < args.batch:
                break
            after = last_id
    if show:
        sys.stderr.write("\n")
    print(f"backfill since {args.since:%Y-%m-%d %H:%M:%S%z}: {scanned} scanned, {added} added")
    return 0
