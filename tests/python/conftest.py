"""Shared pytest fixtures: connections to the test cluster that `make test` starts.

`scripts/test` exports SAI_TEST_N8N_DSN and SAI_TEST_DASHBOARD_DSN (an n8n database with the
fixture schema and executions, and a migrated sai_dashboard database, linked both ways).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import psycopg
import pytest

from support import pairs, pgcopy


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
    """A cluster of the runner tests' own, for their fresh database pairs: a new pair's
    `sai-etl migrate` gives the cluster-wide link roles new passwords, which cuts the links of
    the older pairs on that cluster (the shared test databases among them)."""
    cluster = pairs.new_cluster("runner")
    yield cluster.name
    cluster.remove()


@pytest.fixture(scope="session")
def n8n_fixture_dump() -> dict[str, pgcopy.CopyBlock]:
    """The COPY blocks of the 18 real n8n executions (tests/fixtures/n8n-1.123/executions.sql)."""
    return pgcopy.read(pairs.FIXTURES / "executions.sql")


@pytest.fixture(scope="module")
def pair(request: pytest.FixtureRequest) -> Iterator[pairs.Pair]:
    """A fresh linked pair (no executions) in the test cluster for one test module."""
    made = pairs.new_pair(request.module.__name__.removeprefix("test_stage1_")[:12])
    yield made
    made.drop()


@pytest.fixture(scope="session")
def second_cluster() -> Iterator[pairs.Cluster]:
    """A second private cluster for a dashboard that tests stop and kill; removed at the end.
    A test that stops it starts it again before it returns."""
    cluster = pairs.new_cluster("s1dash")
    yield cluster
    cluster.remove()


@pytest.fixture
def cleanup() -> Iterator[contextlib.ExitStack]:
    """Undo what a test started (processes, clusters, mounts), last first, even when it fails."""
    with contextlib.ExitStack() as stack:
        yield stack
