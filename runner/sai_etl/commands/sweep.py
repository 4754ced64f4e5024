"""`sai-etl sweep`: one Stage 1 sweep now (the runner also sweeps every SAI_SWEEP_SECONDS)."""

from __future__ import annotations

import argparse

from sai_etl import db, durations
from sai_etl.runner.sweep import sweep


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="drain n8n's outbox and reconcile missed executions now",
        description=(
            "Delivers the executions waiting in n8n's outbox (sai_etl.outbox) and records every "
            "finished execution of a watched workflow that the dashboard lacks."
        ),
    )
    parser.add_argument(
        "--window",
        type=durations.span,
        help="how far back to reconcile (default: the reconcile_window setting, 1 hour)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with db.n8n("sweep") as n8n, db.dashboard("sweep") as dashboard:
        result = sweep(n8n, dashboard, args.window)
    print(f"outbox drained: {result.outbox_drained}, reconciled: {result.reconciled}")
    return 0
