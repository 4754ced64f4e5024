"""The `sai-etl` command: one sub-command per module, each registering its own parser."""

from __future__ import annotations

import argparse
import importlib
import sys

import psycopg

from sai_etl import __version__
from sai_etl.config import ConfigError, environment_help

# Modules that define `register(subparsers)`; each parser sets `func(args) -> int`.
COMMAND_MODULES = [
    "sai_etl.commands.migrate",
    "sai_etl.commands.workflows",
    "sai_etl.commands.sweep",
    "sai_etl.commands.backfill",
    "sai_etl.commands.health",
    "sai_etl.commands.status",
    "sai_etl.commands.run",
    "sai_etl.commands.retry",
    "sai_etl.commands.reprocess",
    "sai_etl.commands.images",
    "sai_etl.commands.uninstall",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sai-etl",
        description="Two-stage ETL from n8n executions into the sai_dashboard database.",
        epilog=environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sai-etl {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"sai-etl: configuration error: {exc}", file=sys.stderr)
        return 2
    except psycopg.OperationalError as exc:
        print(f"sai-etl: cannot reach the database: {exc}".rstrip(), file=sys.stderr)
        return 2
    except psycopg.Error as exc:
        print(f"sai-etl: database error: {exc}".rstrip(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
