"""Connections to the two databases."""

from __future__ import annotations

import os
import socket
from typing import Any

import psycopg

from sai_etl import config


def application_name(role: str) -> str:
    return f"sai-etl {role} {socket.gethostname()}:{os.getpid()}"


def connect(dsn: str, role: str, autocommit: bool = True, **params: Any) -> psycopg.Connection:
    """A connection that names itself in pg_stat_activity; `params` are further libpq keywords."""
    return psycopg.connect(
        dsn, autocommit=autocommit, application_name=application_name(role), **params
    )


def dashboard(role: str = "cli") -> psycopg.Connection:
    return connect(config.require("SAI_DASHBOARD_DSN"), role)


def n8n(role: str = "cli") -> psycopg.Connection:
    return connect(config.require("SAI_N8N_DSN"), role)
