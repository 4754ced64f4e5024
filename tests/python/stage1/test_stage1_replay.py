"""The 18 real executions, replayed through n8n's own statement sequence into a fresh pair,
arrive in the dashboard through the live trigger with exactly n8n's values."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import psycopg
import pytest

from sai_etl_dev.flatted import decode
from support import n8n_writes, pairs, pgcopy

UNWATCHED = 12


def _ts(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


@pytest.fixture(scope="module")
def pair() -> Iterator[pairs.Pair]:
    """A fresh pair whose workflow_entity gets the fixture's own three workflows."""
    made = pairs.new_pair("replay", workflows=False)
    yield made
    made.drop()


@pytest.fixture(scope="module")
def replayed(
    pair: pairs.Pair, n8n_fixture_dump: dict[str, pgcopy.CopyBlock]
) -> list[dict[str, Any]]:
    """Loads the fixture's workflows, then plays every execution as n8n did; n8n's rows."""
    workflows = n8n_fixture_dump["public.workflow_entity"]
    entities = sorted(n8n_fixture_dump["public.execution_entity"].rows, key=lambda r: int(r["id"]))
    data = {row["executionId"]: row for row in n8n_fixture_dump["public.execution_data"].rows}
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        # Counts the trigger's deliveries (pg_stat_user_functions), published at the end.
        conn.execute("SET track_functions = 'pl'")
        columns = ", ".join(f'"{c}"' for c in workflows.columns)
        with conn.cursor().copy(f"COPY workflow_entity ({columns}) FROM STDIN") as copy:
            for row in workflows.rows:
                copy.write_row([row[c] for c in workflows.columns])
        for entity in entities:
            execution = data[entity["id"]]
            execution_id = n8n_writes.insert_new(
                conn,
                entity["workflowId"],
                execution_id=int(entity["id"]),
                mode=entity["mode"],
                retry_of=entity["retryOf"],
                created_at=_ts(entity["createdAt"]),
                workflow_data=execution["workflowData"],
                data=n8n_writes.initial_data(execution["workflowData"], execution["data"]),
            )
            for _ in range(2):
                n8n_writes.set_running(conn, execution_id, _ts(entity["startedAt"]))
            n8n_writes.finish(
                conn,
                execution_id,
                entity["status"],
                mode=entity["mode"],
                stopped_at=_ts(entity["stoppedAt"]),
                workflow_data=execution["workflowData"],
                data=execution["data"],
            )
        assert n8n_writes.settle(conn) is None
        conn.execute("SELECT pg_stat_force_next_flush()")
    return entities


def _expected(entity: dict[str, Any]) -> tuple[Any, ...]:
    started, stopped = _ts(entity["startedAt"]), _ts(entity["stoppedAt"])
    assert started is not None and stopped is not None
    duration_ms = math.floor((stopped - started).total_seconds() * 1000)
    return (
        int(entity["id"]),
        entity["workflowId"],
        started,
        stopped,
        duration_ms,
        entity["status"],
        entity["mode"],
        entity["retryOf"],
        True,
        None,
        None,
        "trigger",
    )


def test_watched_executions_arrive_with_n8ns_values(
    pair: pairs.Pair, replayed: list[dict[str, Any]]
) -> None:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        rows = dash.execute(
            """
            SELECT id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status,
                   mode, retry_of, timing_complete, node_id, camera_id, ingest_source
            FROM executions ORDER BY id
            """
        ).fetchall()
    expected = [_expected(e) for e in replayed if int(e["id"]) != UNWATCHED]
    assert len(expected) == 17
    assert rows == expected


def test_unwatched_execution_stays_out(pair: pairs.Pair, replayed: list[dict[str, Any]]) -> None:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        ids = {r[0] for r in dash.execute("SELECT id FROM executions").fetchall()}
    assert UNWATCHED not in ids
    assert ids == {int(e["id"]) for e in replayed} - {UNWATCHED}


def test_failed_executions_arrive_as_errors(
    pair: pairs.Pair, replayed: list[dict[str, Any]]
) -> None:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        rows = dash.execute(
            "SELECT id, status FROM executions WHERE id IN (11, 13) ORDER BY id"
        ).fetchall()
        errors = dash.execute(
            "SELECT id FROM executions WHERE status = 'error' ORDER BY id"
        ).fetchall()
    assert rows == [(11, "error"), (13, "error")]
    assert errors == [(11,), (13,)]


def test_each_is_queued_once_for_stage2_and_nothing_waits(
    pair: pairs.Pair, replayed: list[dict[str, Any]]
) -> None:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        queue = dash.execute(
            "SELECT execution_id, stage, status, priority, attempts FROM etl_processing_queue "
            "ORDER BY execution_id"
        ).fetchall()
    with psycopg.connect(pair.n8n_dsn) as n8n:
        (outbox,) = n8n.execute("SELECT count(*) FROM sai_etl.outbox").fetchone()
        final = n8n.execute(
            'SELECT "executionId", data FROM execution_data WHERE "executionId" = 1'
        ).fetchone()
    watched = sorted(int(e["id"]) for e in replayed if int(e["id"]) != UNWATCHED)
    assert queue == [(i, "stage2", "pending", 1, 0) for i in watched]
    assert outbox == 0
    # n8n's final data landed after the status, in the same transaction (the replay is faithful).
    assert decode(final[1])["resultData"]["lastNodeExecuted"] == "Risk Alert?"


def test_each_watched_execution_is_delivered_exactly_once(
    pair: pairs.Pair, replayed: list[dict[str, Any]]
) -> None:
    """The triggers fire on every row event of n8n's sequence (they name no column); the
    terminal-status rule in the function delivers each watched execution once."""
    with psycopg.connect(pair.n8n_dsn) as n8n:
        (delivered,) = n8n.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions "
            "WHERE schemaname = 'sai_etl' AND funcname = 'deliver'"
        ).fetchone()
        (fired,) = n8n.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions "
            "WHERE schemaname = 'sai_etl' AND funcname = 'on_execution_finished'"
        ).fetchone()
    assert delivered == len(replayed) - 1 == 17
    # INSERT, two running updates and the finishing update of each of the 18 executions.
    assert fired == 4 * len(replayed)
