"""The same finished execution delivered again, by the trigger or by the outbox, changes nothing
in the dashboard: one row, not even rewritten, and its Stage 2 queue item left as it is."""

from __future__ import annotations

from typing import Any

import psycopg

from support import n8n_writes, pairs

WORKFLOW = pairs.SAI_WORKFLOWS[1]


def _state(pair: pairs.Pair, execution_id: int) -> dict[str, Any]:
    """The execution's dashboard rows with their row versions (xmin changes on any write)."""
    with psycopg.connect(pair.dashboard_dsn) as dash:
        executions = dash.execute(
            "SELECT xmin::text, * FROM executions WHERE id = %s", [execution_id]
        ).fetchall()
        queue = dash.execute(
            "SELECT xmin::text, * FROM etl_processing_queue WHERE execution_id = %s",
            [execution_id],
        ).fetchall()
    return {"executions": executions, "queue": queue}


def _finished_and_processed(pair: pairs.Pair) -> tuple[int, dict[str, Any]]:
    """A delivered execution whose Stage 2 item is already completed (a replay must keep it so)."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        execution_id, _ = n8n_writes.write_execution(n8n, WORKFLOW)
        assert n8n_writes.settle(n8n) is None
    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as dash:
        dash.execute(
            "UPDATE etl_processing_queue SET status = 'completed', attempts = 1, "
            "completed_at = now() WHERE execution_id = %s",
            [execution_id],
        )
    state = _state(pair, execution_id)
    assert len(state["executions"]) == len(state["queue"]) == 1
    return execution_id, state


def test_finishing_update_replayed_changes_nothing(pair: pairs.Pair) -> None:
    execution_id, before = _finished_and_processed(pair)
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        # n8n resumes the execution and finishes it again with the very same facts.
        with n8n.transaction():
            n8n.execute(
                "UPDATE execution_entity SET status = 'running', finished = false WHERE id = %s",
                [execution_id],
            )
        with n8n.transaction():
            n8n.execute(
                "UPDATE execution_entity SET status = 'success', finished = true WHERE id = %s",
                [execution_id],
            )
        assert n8n_writes.settle(n8n) is None
        (outbox,) = n8n.execute("SELECT count(*) FROM sai_etl.outbox").fetchone()
    assert outbox == 0
    assert _state(pair, execution_id) == before


def test_outbox_replay_changes_nothing(pair: pairs.Pair) -> None:
    execution_id, before = _finished_and_processed(pair)
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        n8n.execute(
            "INSERT INTO sai_etl.outbox (execution_id, workflow_id, status, mode, retry_of, "
            "created_at, started_at, stopped_at, last_error) "
            'SELECT id, "workflowId", status, mode, "retryOf", "createdAt", "startedAt", '
            "\"stoppedAt\", 'test: delivered twice' FROM execution_entity WHERE id = %s",
            [execution_id],
        )
    assert "outbox drained: 1, reconciled: 0" in pair.sai_etl("sweep")
    assert _state(pair, execution_id) == before
