"""The 15 real n8n 2.41.1 executions, replayed through n8n 2.41's own statement sequence
(support/n8n_writes_241: a `new -> new` size update at creation, and a second, `success ->
success`, size update after the final data in the finishing transaction) into a fresh pair with
n8n 2.41's schema: each watched execution is delivered exactly once, with n8n's values, and
Stage 2 then reads the final data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import psycopg
import pytest

from support import n8n_writes, n8n_writes_241, pairs, pgcopy
from support.pairs import Pair, setup_pair
from support.runner_support import query

DUMP = pairs.ROOT / "tests" / "fixtures" / "n8n-2.41" / "executions.sql"
UNWATCHED = 4
ON_DISK = (12, 13)  # storedAt fs: no execution_data row, the run is a bundle.json
# Per the fixture README.
CAMERAS = {
    1: "cam_0",
    2: "cam_1",
    3: "cam_sur",
    5: "cam_3",
    6: "cam_fs_0",
    7: "cam_fs_1",
    8: "cam_este",
    9: "cam_db_0",
    10: "cam_db_1",
    11: "cam_db_err",
    14: "cam_probe",
    15: "cam_probe2",
}


def _ts(value: str | None) -> datetime:
    assert value is not None
    return datetime.fromisoformat(value)


@pytest.fixture(scope="module")
def replayed() -> Iterator[tuple[Pair, list[dict[str, Any]], int]]:
    """A pair with n8n 2.41's schema, workflows and binary_data rows; its executions removed
    and played again as n8n 2.41 writes them. Yields the pair, n8n's rows and how many times
    the trigger function delivered (sai_etl.deliver calls)."""
    pair = setup_pair(pairs.test_cluster().name, "replay_241", fixtures=True, n8n_version="2.41")
    dump = pgcopy.read(DUMP)
    entities = sorted(dump["public.execution_entity"].rows, key=lambda r: int(r["id"] or 0))
    data = {row["executionId"]: row for row in dump["public.execution_data"].rows}
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        conn.execute("DELETE FROM execution_entity")
        conn.execute("SET track_functions = 'pl'")
        for entity in entities:
            execution_id = int(entity["id"] or 0)
            stored_at = entity["storedAt"] or "db"
            row = data.get(entity["id"])
            workflow_data = row["workflowData"] if row else "{}"
            final = row["data"] if row else n8n_writes.EMPTY_RUN
            sizes = {
                "json_size": int(entity["jsonSizeBytes"] or 0),
                "binary_size": int(entity["binaryDataSizeBytes"] or 0),
            }
            n8n_writes_241.create(
                conn,
                entity["workflowId"] or "",
                execution_id=execution_id,
                mode=entity["mode"] or "",
                created_at=_ts(entity["createdAt"]),
                stored_at=stored_at,
                workflow_version_id=entity["workflowVersionId"],
                workflow_data=workflow_data,
                data=n8n_writes.initial_data(workflow_data, final) if row else final,
                **sizes,
            )
            for _ in range(2):
                n8n_writes_241.set_running(conn, execution_id, _ts(entity["startedAt"]))
            n8n_writes_241.finish(
                conn,
                execution_id,
                entity["status"] or "",
                mode=entity["mode"] or "",
                stopped_at=_ts(entity["stoppedAt"]),
                stored_at=stored_at,
                workflow_data=workflow_data,
                data=final,
                **sizes,
            )
        assert n8n_writes.settle(conn) is None
        conn.execute("SELECT pg_stat_force_next_flush()")
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        calls = dict(
            conn.execute(
                "SELECT funcname::text, calls FROM pg_stat_user_functions "
                "WHERE schemaname = 'sai_etl'"
            ).fetchall()
        )
    # Six row events per execution (INSERT, the new -> new sizes, two running, the finish and
    # its sizes): the triggers fire on each, the function delivers once.
    assert calls["on_execution_finished"] == 6 * len(entities)
    yield pair, entities, int(calls["deliver"])


def test_each_watched_execution_is_delivered_once_with_n8ns_values(
    replayed: tuple[Pair, list[dict[str, Any]], int],
) -> None:
    pair, entities, delivered = replayed
    watched = [e for e in entities if int(e["id"] or 0) != UNWATCHED]
    assert len(watched) == 14
    assert delivered == 14
    rows = query(
        pair.dashboard_dsn,
        "SELECT id, workflow_id, execution_timestamp, completion_timestamp, status, mode, "
        "ingest_source FROM executions ORDER BY id",
    )
    assert rows == [
        (
            int(e["id"] or 0),
            e["workflowId"],
            _ts(e["startedAt"]),
            _ts(e["stoppedAt"]),
            e["status"],
            e["mode"],
            "trigger",
        )
        for e in watched
    ]
    queue = query(
        pair.dashboard_dsn,
        "SELECT execution_id, status, attempts FROM etl_processing_queue ORDER BY 1",
    )
    assert queue == [(int(e["id"] or 0), "pending", 0) for e in watched]
    assert query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox") == [(0,)]


def test_stage2_reads_the_final_data(replayed: tuple[Pair, list[dict[str, Any]], int]) -> None:
    pair, _entities, _delivered = replayed
    outcomes = dict(
        query(
            pair.dashboard_dsn,
            "SELECT e.id, x.outcome FROM executions AS e "
            "CROSS JOIN LATERAL etl_extract_execution(e.id) AS x",
        )
    )
    assert outcomes == {i: "bundle" if i in ON_DISK else "ready" for i in [*CAMERAS, *ON_DISK]}
    cameras = dict(
        query(
            pair.dashboard_dsn,
            "SELECT id, camera_id FROM executions WHERE id <> ALL (%s)",
            [list(ON_DISK)],
        )
    )
    assert cameras == CAMERAS
