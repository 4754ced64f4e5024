"""Stage 1 sends each execution without waiting for the dashboard's ingest; the next delivery in
the same n8n backend collects the answer. What n8n's connections really do around that: close
right after the commit (a pool's idle timeout), or die before the answer is collected."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from support import faults, n8n_writes, pairs
from support.runner_support import query, wait_until

WORKFLOW = pairs.SAI_WORKFLOWS[0]


@pytest.fixture(scope="module")
def pair() -> Iterator[pairs.Pair]:
    made = pairs.new_pair("sendnowait")
    yield made
    made.drop()


def _recorded(pair: pairs.Pair, ids: list[int]) -> dict[int, str]:
    return dict(
        query(
            pair.dashboard_dsn,
            "SELECT id, ingest_source FROM executions WHERE id = ANY(%s)",
            [ids],
        )
    )


def test_a_connection_closed_right_after_its_commit_loses_nothing(pair: pairs.Pair) -> None:
    ids = []
    for _ in range(30):
        # Each execution on a connection of its own, closed with the answer still in flight.
        with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
            ids.append(n8n_writes.write_execution(n8n, WORKFLOW)[0])
    wait_until(lambda: len(_recorded(pair, ids)) == len(ids), 10, "all 30 in the dashboard")
    assert set(_recorded(pair, ids).values()) == {"trigger"}
    assert query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox") == [(0,)]


def test_an_answer_never_collected_is_found_by_the_reconcile(pair: pairs.Pair) -> None:
    """The ingest fails (the link's grant revoked) and n8n's backend dies before a next delivery
    collects that answer: the execution is neither in the dashboard nor in the outbox, and the
    sweep's reconcile records it."""
    with faults.ingest_revoked(pair):
        try:
            with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
                lost, _ = n8n_writes.write_execution(n8n, WORKFLOW)
                (backend,) = n8n.execute("SELECT pg_backend_pid()").fetchone()
                with psycopg.connect(pair.n8n_dsn, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])
        except psycopg.OperationalError:
            pass  # the terminated backend's connection, closing
    assert _recorded(pair, [lost]) == {}
    assert query(
        pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox WHERE execution_id = %s", [lost]
    ) == [(0,)]

    out = pair.sai_etl("sweep", timeout=60)
    assert "reconciled: 1" in out, out
    assert _recorded(pair, [lost]) == {lost: "reconcile"}
