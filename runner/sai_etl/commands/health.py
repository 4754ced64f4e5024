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

# The monitoring-plugin convention (Nagios, Icinga, Sensu): the worst firing alert decides.
OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
SEVERITY_STATUS = {"warning": WARNING, "critical": CRITICAL}
CONNECT_TIMEOUT = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "health",
        help="show queue, pipeline, data quality and alerts (exit 0 OK, 1 WARNING, 2 CRITICAL, "
        "3 UNKNOWN)",
        description=(
            "Reads etl_health_json() from sai_dashboard and shows it. Exit status, as monitoring "
            "plugins: 0 OK (no alert fires), 1 WARNING (the worst firing alert is a warning), "
            "2 CRITICAL (a critical alert fires; see the etl_alerts view), 3 UNKNOWN (the "
            "database cannot be read)."
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
        return UNKNOWN
    if args.json:
        print(json.dumps(doc, indent=2))
    elif args.prometheus:
        sys.stdout.write(prometheus.render(doc))
    else:
        sys.stdout.write(health_report.render(doc, Style.for_stream(sys.stdout)))
    return status(doc)


def status(doc: dict) -> int:
    """The exit status for a health document: its worst firing alert's severity."""
    firing = [SEVERITY_STATUS.get(alert["severity"], UNKNOWN) for alert in doc["alerts"]]
    return max(firing, default=OK)
