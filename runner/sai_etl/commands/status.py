"""`sai-etl status ID`: everything known about one execution, across both stages and n8n."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sai_etl import db
from sai_etl.report.terminal import Style, pairs, text

# Rows of etl_execution_status(), in the order people read them; raw_response only with --json.
SECTIONS = ("execution", "queue", "analysis", "image", "notification", "n8n")
HIDDEN = {"analysis": {"raw_response"}}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "status",
        help="everything known about one execution (exit 1 if the dashboard lacks it)",
        description=(
            "Shows etl_execution_status(ID): the executions row, the Stage 2 queue item (attempts, "
            "errors), analysis, image and notification rows, n8n's row through the link, and notes "
            "on why fields are empty. Exit status 1 when the dashboard does not have the execution."
        ),
    )
    parser.add_argument("execution_id", type=int, metavar="ID", help="n8n execution id")
    parser.add_argument("--json", action="store_true", help="print etl_execution_status() as it is")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with db.dashboard("status") as conn:
        (doc,) = conn.execute(
            "SELECT etl_execution_status(%s::bigint)", [args.execution_id]
        ).fetchone()
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        sys.stdout.write(render(doc, Style.for_stream(sys.stdout)))
    return 0 if doc["found"] else 1


def render(doc: dict[str, Any], style: Style) -> str:
    where = "in the dashboard" if doc["found"] else "not in the dashboard"
    lines = [style.paint(f"execution {doc['execution_id']}: {where}", "bold")]
    lines += [f"  - {note}" for note in doc["notes"]]
    for section in SECTIONS:
        row = doc[section]
        lines += ["", style.paint(section, "bold")]
        if row is None:
            lines.append("  none")
            continue
        hidden = HIDDEN.get(section, set())
        lines += pairs([(key, text(value)) for key, value in row.items() if key not in hidden])
    return "\n".join(lines) + "\n"
