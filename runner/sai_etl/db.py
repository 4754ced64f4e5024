"""Connections to the two databases."""

from __future__ import annotations

import os
import socket
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from sai_etl import config

# For connections that live as long as the runner: give up on a dead address after 10 s, and
# notice a server that vanished without closing the TCP connection within about half a minute.
# The DSN's own values win.
SERVICE_DEFAULTS = {
    "connect_timeout": "10",
    "keepalives": "1",
    "keepalives_idle": "15",
    "keepalives_interval": "5",
    "keepalives_count": "3",
}


def application_name(role: str) -> str:
    return f"sai-etl {role} {socket.gethostname()}:{os.getpid()}"


def connect(dsn: str, role: str, autocommit: bool = True, **params: Any) -> psycopg.Connection:
    """A connection that names itself in pg_stat_activity; `params` are further libpq keywords."""
    return psycopg.connect(
        dsn, autocommit=autocommit, application_name=application_name(role), **params
    )


def connect_service(dsn: str, role: str) -> psycopg.Connection:
    """An autocommit connection for the long-running runner (SERVICE_DEFAULTS)."""
    given = conninfo_to_dict(dsn)
    extra = {key: value for key, value in SERVICE_DEFAULTS.items() if key not in given}
    return psycopg.connect(dsn, autocommit=True, application_name=application_name(role), **extra)


def dashboard(role: str = "cli") -> psycopg.Connection:
    return connect(config.require("SAI_DASHBOARD_DSN"), role)


def n8n(role: str = "cli") -> psycopg.Connection:
    return connect(config.require("SAI_N8N_DSN"), role)
