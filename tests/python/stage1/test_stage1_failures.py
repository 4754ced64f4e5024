"""Every way the dashboard can fail leaves n8n's finishing UPDATE succeeding and the execution in
sai_etl.outbox with the reason; `sai-etl sweep` then delivers it exactly once. The circuit
breaker keeps a failing dashboard from costing each later update a connection attempt.

The dashboard lives in a second cluster, so it can really be down."""

from __future__ import annotations

import os
import re
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import psycopg
import pytest

from support import faults, n8n_writes, pairs

WORKFLOW = pairs.SAI_WORKFLOWS[0]
# Long enough for the test's next steps even on a loaded machine, short enough to wait out.
BREAKER_SECONDS = 4


@pytest.fixture(scope="module")
def pair(second_cluster: pairs.Cluster) -> Iterator[pairs.Pair]:
    made = pairs.new_pair("failures", dashboard_cluster=second_cluster)
    yield made
    made.drop()


def _n8n(pair: pairs.Pair) -> psycopg.Connection:
    """A new n8n backend: its own dblink connection and a closed breaker."""
    return psycopg.connect(pair.n8n_dsn, autocommit=True)


def _set_setting(pair: pairs.Pair, key: str, value: str) -> None:
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        conn.execute("UPDATE sai_etl.settings SET value = %s WHERE key = %s", [value, key])


def _server_option(pair: pairs.Pair, name: str) -> str:
    with psycopg.connect(pair.n8n_dsn) as conn:
        (options,) = conn.execute(
            "SELECT srvoptions FROM pg_foreign_server WHERE srvname = 'sai_dashboard'"
        ).fetchone()
    return dict(o.split("=", 1) for o in options)[name]


def _alter_server(pair: pairs.Pair, name: str, value: str) -> None:
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("ALTER SERVER sai_dashboard OPTIONS (SET {} {})").format(
                psycopg.sql.Identifier(name), psycopg.sql.Literal(value)
            )
        )


@contextmanager
def server_option(pair: pairs.Pair, name: str, value: str) -> Iterator[None]:
    saved = _server_option(pair, name)
    _alter_server(pair, name, value)
    try:
        yield
    finally:
        _alter_server(pair, name, saved)


def _outbox(pair: pairs.Pair, execution_id: int) -> tuple[str, int] | None:
    with psycopg.connect(pair.n8n_dsn) as conn:
        return conn.execute(
            "SELECT last_error, attempts FROM sai_etl.outbox WHERE execution_id = %s",
            [execution_id],
        ).fetchone()


def _arrived(pair: pairs.Pair, execution_id: int) -> list[tuple[str, int]]:
    """(ingest_source, queue items) of the execution's dashboard rows."""
    with psycopg.connect(pair.dashboard_dsn) as conn:
        return conn.execute(
            "SELECT e.ingest_source, (SELECT count(*) FROM etl_processing_queue AS q "
            "WHERE q.execution_id = e.id)::integer FROM executions AS e WHERE e.id = %s",
            [execution_id],
        ).fetchall()


def _n8n_status(pair: pairs.Pair, execution_id: int) -> str:
    with psycopg.connect(pair.n8n_dsn) as conn:
        (status,) = conn.execute(
            "SELECT status FROM execution_entity WHERE id = %s", [execution_id]
        ).fetchone()
    return status


def _sweep(pair: pairs.Pair) -> tuple[int, int]:
    """`sai-etl sweep` as n8n's operators run it; (drained, reconciled)."""
    out = pair.sai_etl("sweep", timeout=60)
    match = re.search(r"outbox drained: (\d+), reconciled: (\d+)", out)
    assert match, out
    return int(match[1]), int(match[2])


# --- the failure kinds: each a context manager that breaks the dashboard, and heals it on exit


@contextmanager
def dashboard_down(pair: pairs.Pair) -> Iterator[None]:
    pair.dashboard_cluster.ctl("stop")
    try:
        yield
    finally:
        pair.dashboard_cluster.ctl("start")


@contextmanager
def connection_refused(pair: pairs.Pair) -> Iterator[None]:
    """The link points at a socket directory where a socket exists but nothing listens."""
    with tempfile.TemporaryDirectory(prefix="sai-refused-") as folder:
        os.chmod(folder, 0o755)
        path = Path(folder) / ".s.PGSQL.5432"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.bind(str(path))  # bound, never listening: connect() is refused
            os.chmod(path, 0o777)
            with server_option(pair, "host", folder):
                yield


@contextmanager
def dashboard_slow(pair: pairs.Pair) -> Iterator[None]:
    """Another session holds the executions table: the link's lock_timeout (100 ms, n8n setting
    link_lock_timeout_ms) ends the wait."""
    with psycopg.connect(pair.dashboard_dsn) as locker:
        locker.execute("LOCK TABLE executions IN ACCESS EXCLUSIVE MODE")
        with server_option(pair, "options", "-c statement_timeout=300"):
            yield
        locker.rollback()


FAILURES: dict[str, tuple[Callable[[pairs.Pair], AbstractContextManager[None]], str]] = {
    "down": (dashboard_down, r"could not establish connection.*No such file or directory"),
    "refused": (connection_refused, r"could not establish connection.*Connection refused"),
    "slow": (dashboard_slow, r"canceling statement due to lock timeout"),
    "permission": (faults.ingest_revoked, r"permission denied for function etl_ingest_execution"),
}


@pytest.mark.parametrize("kind", FAILURES)
def test_failure_goes_to_outbox_and_sweep_delivers_once(pair: pairs.Pair, kind: str) -> None:
    failure, reason = FAILURES[kind]
    with failure(pair), _n8n(pair) as n8n:
        execution_id, _ = n8n_writes.write_execution(n8n, WORKFLOW)
        assert _n8n_status(pair, execution_id) == "success"
        # A failure of the ingest itself (slow, permission) comes back with the answer.
        n8n_writes.settle(n8n)
        outboxed = _outbox(pair, execution_id)
    assert outboxed is not None, "the execution is not in the outbox"
    assert re.search(reason, outboxed[0], re.DOTALL), outboxed[0]
    assert _arrived(pair, execution_id) == []

    drained, _ = _sweep(pair)
    assert drained == 1
    assert _outbox(pair, execution_id) is None
    assert _arrived(pair, execution_id) == [("outbox", 1)]
    assert _sweep(pair) == (0, 0)
    assert _arrived(pair, execution_id) == [("outbox", 1)]


def test_breaker_skips_the_dashboard_then_tries_again(pair: pairs.Pair) -> None:
    _set_setting(pair, "breaker_seconds", str(BREAKER_SECONDS))
    try:
        with _n8n(pair) as n8n, _n8n(pair) as other:
            with connection_refused(pair):
                first, _ = n8n_writes.write_execution(n8n, WORKFLOW)
                opened = time.monotonic()
            # The dashboard answers again, but this backend does not even try it.
            skipped, _ = n8n_writes.write_execution(n8n, WORKFLOW)
            elsewhere, _ = n8n_writes.write_execution(other, WORKFLOW)
            time.sleep(max(0.0, opened + BREAKER_SECONDS + 0.2 - time.monotonic()))
            retried, _ = n8n_writes.write_execution(n8n, WORKFLOW)
            assert n8n_writes.settle(n8n) is None
            assert n8n_writes.settle(other) is None
        assert "Connection refused" in _outbox(pair, first)[0]
        assert _outbox(pair, skipped)[0].startswith("circuit breaker open until ")
        assert _arrived(pair, skipped) == []
        assert _arrived(pair, elsewhere) == [("trigger", 1)]
        assert _arrived(pair, retried) == [("trigger", 1)]
        assert _sweep(pair)[0] == 2
        assert _arrived(pair, first) == _arrived(pair, skipped) == [("outbox", 1)]
    finally:
        _set_setting(pair, "breaker_seconds", "30")


def test_rejected_execution_stays_without_blocking_the_rest(pair: pairs.Pair) -> None:
    """An id <= 0 is refused by the ingest (22023): never deliverable. It stays in the outbox
    with its error for a DBA while everything queued behind it is delivered, even when such rows
    fill a whole drain batch; and the refusal does not open the breaker."""
    _set_setting(pair, "drain_batch", "2")
    try:
        with _n8n(pair) as n8n:
            rejected = []
            for bad_id in (-3, -2, 0):
                n8n_writes.insert_new(n8n, WORKFLOW, execution_id=bad_id)
                n8n_writes.set_running(n8n, bad_id)
                n8n_writes.finish(n8n, bad_id, "success")
                rejected.append(bad_id)
            # Same backend: the refusal was the data's fault, the dashboard is fine.
            direct, _ = n8n_writes.write_execution(n8n, WORKFLOW)
            assert n8n_writes.settle(n8n) is None
        with connection_refused(pair), _n8n(pair) as n8n:
            queued = [n8n_writes.write_execution(n8n, WORKFLOW)[0] for _ in range(3)]
        assert _arrived(pair, direct) == [("trigger", 1)]
        for bad_id in rejected:
            error, attempts = _outbox(pair, bad_id)
            assert "execution id must be a positive integer" in error
            assert attempts == 0

        drained, _ = _sweep(pair)
        assert drained == len(queued)
        for execution_id in queued:
            assert _arrived(pair, execution_id) == [("outbox", 1)]
            assert _outbox(pair, execution_id) is None
        for bad_id in rejected:
            error, attempts = _outbox(pair, bad_id)
            assert "execution id must be a positive integer" in error
            assert attempts >= 1
            assert _arrived(pair, bad_id) == []
    finally:
        _set_setting(pair, "drain_batch", "500")
        with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
            conn.execute("DELETE FROM sai_etl.outbox WHERE execution_id <= 0")
            conn.execute("DELETE FROM execution_entity WHERE id <= 0")
