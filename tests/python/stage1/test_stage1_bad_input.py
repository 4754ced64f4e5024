"""Hostile and incomplete input through the real path (n8n's UPDATE -> trigger -> dblink ->
etl_ingest_execution): every value arrives verbatim, nothing is injected, missing timestamps are
handled as documented (execution_timestamp falls back, timing_complete false)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import psycopg
import pytest

from support import n8n_writes, pairs

WORKFLOW = pairs.SAI_WORKFLOWS[0]
HOSTILE = [
    "o'brien",
    "back\\slash\\",
    "'; DROP TABLE executions; --",
    "$$; DROP TABLE executions; $$",
    "E'\\x27'); SELECT pg_sleep(10); --",
    "%L %I %s",
    'double "quotes"',
    "línea\nnueva\tcon tab",
    "火災 🔥 ñandú",
    "",
]
HOSTILE_WORKFLOW = "w'); DROP TABLE x;--\\ñ🔥"
_MS = timedelta(milliseconds=1)


def _dashboard_row(pair: pairs.Pair, execution_id: int) -> tuple[Any, ...] | None:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        return dash.execute(
            "SELECT workflow_id, mode, retry_of, status, execution_timestamp, "
            "completion_timestamp, duration_ms, timing_complete, ingest_source "
            "FROM executions WHERE id = %s",
            [execution_id],
        ).fetchone()


def _n8n_times(pair: pairs.Pair, execution_id: int) -> tuple[datetime, datetime, datetime]:
    with psycopg.connect(pair.n8n_dsn) as n8n:
        return n8n.execute(
            'SELECT "createdAt", "startedAt", "stoppedAt" FROM execution_entity WHERE id = %s',
            [execution_id],
        ).fetchone()


def _tables(pair: pairs.Pair) -> list[tuple[str]]:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        return dash.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace ORDER BY 1"
        ).fetchall()


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_mode_arrives_verbatim_retry_of_only_as_an_id(pair: pairs.Pair, text: str) -> None:
    tables = _tables(pair)
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        execution_id = n8n_writes.insert_new(n8n, WORKFLOW, mode=text, retry_of=text)
        n8n_writes.set_running(n8n, execution_id)
        n8n_writes.finish(n8n, execution_id, "error", mode=text)
        assert n8n_writes.settle(n8n) is None
    _, started, stopped = _n8n_times(pair, execution_id)
    assert _dashboard_row(pair, execution_id) == (
        WORKFLOW,
        text,
        None,  # retryOf names an execution: a text that is none is not known
        "error",
        started,
        stopped,
        (stopped - started) // _MS,
        True,
        "trigger",
    )
    assert _tables(pair) == tables


def test_hostile_workflow_id_arrives_verbatim(pair: pairs.Pair) -> None:
    """watch_workflow refuses such an id, but a DBA may write the table directly."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        n8n.execute(
            'INSERT INTO workflow_entity (id, name, active, nodes, connections, "versionId") '
            "VALUES (%s, 'hostile', false, '[]', '{}', %s)",
            [HOSTILE_WORKFLOW, "0" * 36],
        )
        n8n.execute(
            "INSERT INTO sai_etl.watched_workflows (workflow_id) VALUES (%s)", [HOSTILE_WORKFLOW]
        )
        execution_id, _ = n8n_writes.write_execution(n8n, HOSTILE_WORKFLOW)
        assert n8n_writes.settle(n8n) is None
    row = _dashboard_row(pair, execution_id)
    assert row is not None
    assert row[0] == HOSTILE_WORKFLOW
    assert ("executions",) in _tables(pair)


def test_canceled_while_queued_has_no_start(pair: pairs.Pair) -> None:
    """n8n cancels a queued execution: startedAt stays NULL. createdAt stands in for it."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        execution_id = n8n_writes.insert_new(n8n, WORKFLOW)
        n8n_writes.finish(n8n, execution_id, "canceled")
        assert n8n_writes.settle(n8n) is None
    created, started, stopped = _n8n_times(pair, execution_id)
    assert started is None
    assert _dashboard_row(pair, execution_id) == (
        WORKFLOW,
        "webhook",
        None,
        "canceled",
        created,
        stopped,
        (stopped - created) // _MS,
        False,
        "trigger",
    )


def test_crashed_without_stop_time(pair: pairs.Pair) -> None:
    """A crashed execution n8n never stopped: completion falls back to the start, duration 0."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        execution_id = n8n_writes.insert_new(n8n, WORKFLOW)
        n8n_writes.set_running(n8n, execution_id)
        n8n.execute("UPDATE execution_entity SET status = 'crashed' WHERE id = %s", [execution_id])
        assert n8n_writes.settle(n8n) is None
    _, started, stopped = _n8n_times(pair, execution_id)
    assert stopped is None
    assert _dashboard_row(pair, execution_id) == (
        WORKFLOW,
        "webhook",
        None,
        "crashed",
        started,
        started,
        0,
        False,
        "trigger",
    )
