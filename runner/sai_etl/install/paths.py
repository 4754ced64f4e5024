"""Where the checkout keeps the SQL the runner installs (sql/, migrations/)."""

from __future__ import annotations

import os
from pathlib import Path

DATABASES = ("dashboard", "n8n")


def project_root() -> Path:
    """The sai-etl checkout: SAI_ETL_HOME, else the tree this package was installed from."""
    home = os.environ.get("SAI_ETL_HOME")
    return Path(home) if home else Path(__file__).resolve().parents[3]


def sql_dir(database: str) -> Path:
    return project_root() / "sql" / database


def migrations_dir(database: str) -> Path:
    return project_root() / "migrations" / database
