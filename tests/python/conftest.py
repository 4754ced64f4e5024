"""Shared pytest fixtures: connections to the test cluster that `make test` starts.

`scripts/test` exports SAI_TEST_N8N_DSN and SAI_TEST_DASHBOARD_DSN (an n8n database with the
fixture schema and executions, and a migrated sai_dashboard database, linked both ways).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest


def _dsn(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the tests with `make test`")
    return value


@pytest.fixture(scope="session")
def n8n_dsn() -> str:
    return _dsn("SAI_TEST_N8N_DSN")


@pytest.fixture(scope="session")
def dashboard_dsn() -> str:
    return _dsn("SAI_TEST_DASHBOARD_DSN")


@pytest.fixture
def n8n(n8n_dsn: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(n8n_dsn, autocommit=True) as conn:
        yield conn


@pytest.fixture
def dashboard(dashboard_dsn: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(dashboard_dsn, autocommit=True) as conn:
        yield conn


@pytest.fixture(scope="session")
def private_cluster() -> Iterator[str]:
    """A PostgreSQL cluster of this session's own, for tests that make fresh database pairs.

    `sai-etl migrate` gives the cluster-wide link roles a new password whenever a new pair's
    links do not work yet, which cuts the links of every older pair on that cluster; on a
    cluster of their own, fresh pairs leave the shared test databases alone.
    """
    root = Path(__file__).resolve().parents[2]
    name = f"pytest-{os.getpid()}"
    pgcluster = str(root / "scripts" / "pgcluster")
    subprocess.run([pgcluster, "start", name, "--fresh", "--fast"], check=True, capture_output=True)
    yield name
    subprocess.run([pgcluster, "stop", name], check=False, capture_output=True)
    link = root / ".pg" / name
    shutil.rmtree(link.resolve(), ignore_errors=True)
    if link.is_symlink():
        link.unlink()
