"""`sai-etl health`: the pipeline's health for people, scripts (--json) and Prometheus."""

from __future__ import annotations

import argparse
import json
import os
import sys

import psycopg
from psycopg.conninfo import conninfo_to_dict

from sai_etl import config, db
from sai_etl.report import health_text as health_report
from sai_etl.report import prometheus
from sai_etl.report.terminal import Style

HEALTHY, ALERTING, UNREACHABLE = 0, 1, 2
CONNECT_TIMEOUT = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "health",
        help="show queue, pipeline, data quality and alerts (exit 1 on alerts, 2 if unreachable)",
        description=(
            "Reads etl_health_json() from sai_dashboard and shows it. Exit status: 0 healthy, "
            "1 when an alert fires (see the etl_alerts view), 2 when the database cannot be read."
        ),
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print etl_health_json() as it is")
    form.add_argument(
        "--prometheus",
        action="store_true",
        help="print Prometheus text exposition (for node_exporter's textfile collector)",
    )
    parser.set_defaults(func=run)


def _connect() -> psycopg.Connection:
    """The dashboard, with a connect timeout unless the DSN or PGCONNECT_TIMEOUT sets one: a
    monitoring probe must not hang on an unreachable host."""
    dsn = config.require("SAI_DASHBOARD_DSN")
    params = {}
    if "connect_timeout" not in conninfo_to_dict(dsn) and not os.environ.get("PGCONNECT_TIMEOUT"):
        params["connect_timeout"] = CONNECT_TIMEOUT
    return db.connect(dsn, "health", **params)


def run(args: argparse.Namespace) -> int:
    try:
        with _connect() as conn:
            (doc,) = conn.execute("SELECT etl_health_json()").fetchone()
    except psycopg.Error as exc:
        print(
            f"sai-etl health: cannot read health from the dashboard: {exc}".rstrip(),
            file=sys.stderr,
        )
        if args.prometheus:
            sys.stdout.write(prometheus.unreachable())
        return UNREACHABLE
    if args.json:
        print(json.dumps(doc, indent=2))
    elif args.prometheus:
        sys.stdout.write(prometheus.render(doc))
    else:
        sys.stdout.write(health_report.render(doc, Style.for_stream(sys.stdout)))
    return HEALTHY if doc["healthy"] else ALERTING
