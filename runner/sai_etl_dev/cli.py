"""`sai-etl-dev simulate`: play SAI camera executions into n8n's database, as n8n writes them.
A development command (demo, tests, benchmarks); the production `sai-etl` never imports it."""

from __future__ import annotations

import argparse
import sys
import time

import psycopg

from sai_etl.config import require
from sai_etl_dev import sandbox
from sai_etl_dev.simulate import ensure_workflows, simulate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help="play camera executions into n8n's database (demo, tests, load)",
        description=(
            "Write COUNT executions of the SAI workflows into the n8n database named by "
            "SAI_N8N_DSN, through n8n 1.123's own sequence of statements. Only into a database "
            "marked as a sandbox (`sai-etl-dev sandbox`); existing workflow rows are never changed."
        ),
    )
    parser.add_argument("--count", type=int, default=20, help="executions to play (default 20)")
    parser.add_argument(
        "--rate", type=float, help="executions per second (default: as fast as possible)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--workflow",
        choices=("mixed", "camera", "json"),
        default="mixed",
        help="multipart camera workflow, JSON-body workflow, or both (default mixed)",
    )
    parser.add_argument(
        "--error-rate",
        type=float,
        default=0.05,
        help="share of executions whose Ollama call fails (default 0.05)",
    )
    parser.add_argument(
        "--binary-mode",
        choices=("inline", "filesystem"),
        default="inline",
        help="n8n's binary data mode for uploaded frames (default inline)",
    )
    parser.add_argument(
        "--binary-dir",
        help="n8n's binary data root for filesystem mode (default SAI_N8N_BINARY_DIR)",
    )
    parser.add_argument(
        "--setup",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="insert the SAI workflows first where absent (default on)",
    )
    parser.set_defaults(func=run)
    mark = subparsers.add_parser(
        "sandbox",
        help="mark SAI_N8N_DSN's database as a sandbox the simulator may write into",
        description=(
            "Sets the database comment that marks a sandbox; refused on a database that holds "
            "executions or has a comment of its own. scripts/setup-db runs it on the n8n "
            "databases it creates."
        ),
    )
    mark.set_defaults(func=run_sandbox)


def run_sandbox(args: argparse.Namespace) -> int:
    with psycopg.connect(require("SAI_N8N_DSN"), autocommit=True) as conn:
        sandbox.mark(conn)
        print(f"{conn.info.dbname}: marked as a sai-etl sandbox")
    return 0


def run(args: argparse.Namespace) -> int:
    binary_dir = args.binary_dir
    if args.binary_mode == "filesystem" and not binary_dir:
        binary_dir = require("SAI_N8N_BINARY_DIR")
    with psycopg.connect(require("SAI_N8N_DSN"), autocommit=True) as conn:
        if args.setup:
            for workflow_id in ensure_workflows(conn):
                print(f"inserted workflow {workflow_id}")
        started = time.monotonic()
        ids = simulate(
            conn,
            args.count,
            rate=args.rate,
            seed=args.seed,
            workflow=args.workflow,
            error_rate=args.error_rate,
            binary_mode=args.binary_mode,
            binary_dir=binary_dir,
        )
        elapsed = time.monotonic() - started
        statuses = conn.execute(
            "SELECT status, count(*) FROM execution_entity WHERE id = ANY(%s) "
            "GROUP BY status ORDER BY status",
            (ids,),
        ).fetchall()
    if not ids:
        print("simulated 0 executions")
        return 0
    counts = ", ".join(f"{n} {status}" for status, n in statuses)
    print(
        f"simulated {len(ids)} executions, ids {ids[0]}..{ids[-1]}: {counts}; "
        f"{elapsed:.2f} s, {len(ids) / elapsed:.1f}/s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sai-etl-dev", description="sai-etl's development tools (not for production)."
    )
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except sandbox.NotASandbox as exc:
        print(f"sai-etl-dev: refused: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
