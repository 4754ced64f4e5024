"""The simulator never touches a database that is not a marked sandbox, and never changes an
existing workflow row: the two refusals, on real databases of the test cluster."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import psycopg
import pytest

from sai_etl_dev import payloads as p
from sai_etl_dev.sandbox import NotASandbox, is_sandbox, mark
from sai_etl_dev.simulate import ensure_workflows, simulate
from support import pairs

ROWS = (
    'SELECT id, xmin::text, name, nodes::text, "updatedAt" FROM workflow_entity ORDER BY id',
    "SELECT id, status FROM execution_entity ORDER BY id",
)


def _database(*parts: str) -> str:
    """A new database on the test cluster with the given fixture files loaded; its name."""
    cluster = pairs.test_cluster()
    name = pairs.unique("sandboxtest")
    pairs.run(["createdb", name], env=cluster.env())
    for part in parts:
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", name]
        pairs.run([*psql, "-f", str(pairs.FIXTURES / part)], env=cluster.env())
    return name


@pytest.fixture
def production_like() -> Iterator[str]:
    """An unmarked n8n database holding real executions and the real SAI workflow rows (the
    fixtures: what a production n8n looks like to the simulator)."""
    name = _database("schema.sql", "executions.sql")
    yield pairs.test_cluster().dsn(name)
    pairs.run(["dropdb", "--force", name], env=pairs.test_cluster().env())


@pytest.fixture
def sandbox() -> Iterator[psycopg.Connection]:
    """A fresh n8n database marked as a sandbox, as scripts/setup-db makes them."""
    name = _database("schema.sql")
    dsn = pairs.test_cluster().dsn(name)
    pairs.run([pairs.SAI_ETL_DEV, "sandbox"], env={**os.environ, "SAI_N8N_DSN": dsn})
    with psycopg.connect(dsn, autocommit=True) as conn:
        yield conn
    pairs.run(["dropdb", "--force", name], env=pairs.test_cluster().env())


def _snapshot(dsn: str) -> list[list[tuple]]:
    with psycopg.connect(dsn) as conn:
        return [conn.execute(q).fetchall() for q in ROWS]


def test_an_unmarked_database_is_refused_and_left_as_it_was(production_like: str) -> None:
    before = _snapshot(production_like)
    assert any(row[0] == p.CAMERA_WORKFLOW_ID for row in before[0])
    with psycopg.connect(production_like, autocommit=True) as conn:
        assert not is_sandbox(conn)
        with pytest.raises(NotASandbox, match="not a sai-etl sandbox"):
            ensure_workflows(conn)
        with pytest.raises(NotASandbox, match="not a sai-etl sandbox"):
            simulate(conn, 3)
        # It holds executions: it cannot be marked either.
        with pytest.raises(NotASandbox, match="holds 18 executions"):
            mark(conn)
    done = subprocess.run(
        [pairs.SAI_ETL_DEV, "simulate", "--count", "3"],
        env={**pairs.test_cluster().env(), "SAI_N8N_DSN": production_like},
        capture_output=True,
        text=True,
        timeout=pairs.COMMAND_TIMEOUT,
    )
    assert done.returncode == 3 and "refused" in done.stderr, done.stderr
    assert _snapshot(production_like) == before


def test_an_existing_workflow_row_is_never_changed(sandbox: psycopg.Connection) -> None:
    """In a sandbox, a workflow row that differs from the simulator's definition stays as it
    is; a missing one is inserted."""
    assert is_sandbox(sandbox)
    assert sorted(ensure_workflows(sandbox)) == sorted([p.CAMERA_WORKFLOW_ID, p.JSON_WORKFLOW_ID])
    sandbox.execute(
        "UPDATE workflow_entity SET name = 'edited by someone' WHERE id = %s",
        [p.CAMERA_WORKFLOW_ID],
    )
    sandbox.execute("DELETE FROM workflow_entity WHERE id = %s", [p.JSON_WORKFLOW_ID])
    before = sandbox.execute(ROWS[0]).fetchall()
    assert ensure_workflows(sandbox) == [p.JSON_WORKFLOW_ID]
    after = sandbox.execute(ROWS[0]).fetchall()
    camera = [row for row in after if row[0] == p.CAMERA_WORKFLOW_ID]
    assert camera == [row for row in before if row[0] == p.CAMERA_WORKFLOW_ID]
    assert camera[0][2] == "edited by someone"
    # And the simulator plays its executions against the row as it is.
    assert len(simulate(sandbox, 1, workflow="camera", frame_size=(64, 36))) == 1
    assert [row for row in sandbox.execute(ROWS[0]) if row[0] == p.CAMERA_WORKFLOW_ID] == camera
