"""Where the installed package keeps the SQL it installs (package sai_etl.schema: sql/,
migrations/), found with importlib.resources: no checkout and no environment variable needed."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DATABASES = ("dashboard", "n8n")


def schema_root() -> Path:
    """The sai_etl.schema package folder. yoyo reads migrations from a directory, so the package
    must be installed unpacked (as pip does), not imported from a zip."""
    root = files("sai_etl.schema")
    if not isinstance(root, Path):
        raise RuntimeError(f"sai-etl's SQL is not on the file system ({root}): install it with pip")
    return root


def sql_dir(database: str) -> Path:
    return schema_root() / "sql" / database


def migrations_dir(database: str) -> Path:
    return schema_root() / "migrations" / database
