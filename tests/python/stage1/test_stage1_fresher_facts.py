"""Fresher facts win: an outbox row written while the dashboard was unreachable from one n8n
backend never overwrites the newer facts another backend's trigger delivered since. The drain
delivers n8n's row as it is now, not the outbox's copy."""

from __future__ import annotations

import psycopg

from support import n8n_writes, pairs
from support.runner_support import query

EXECUTION = 990001


def test_an_older_outbox_row_never_overwrites_newer_facts(pair: pairs.Pair) -> None:
    workflow = pairs.SAI_WORKFLOWS[0]
    with (
        psycopg.connect(pair.n8n_dsn, autocommit=True) as first,
        psycopg.connect(pair.n8n_dsn, autocommit=True) as second,
    ):
        first.execute(
            'INSERT INTO execution_entity (id, finished, mode, status, "workflowId", "startedAt") '
            "VALUES (%s, false, 'webhook', 'running', %s, now())",
            [EXECUTION, workflow],
        )
        # This backend's breaker is open (as after a failure): its finish goes to the outbox.
        first.execute("SET sai_etl.breaker_until = '2999-01-01 00:00+00'")
        first.execute(
            "UPDATE execution_entity SET status = 'error', \"stoppedAt\" = now() WHERE id = %s",
            [EXECUTION],
        )
        # Later another backend records the execution's final word; its trigger delivers it.
        second.execute(
            "UPDATE execution_entity SET status = 'crashed', \"stoppedAt\" = now() WHERE id = %s",
            [EXECUTION],
        )
        n8n_writes.settle(second)
    outbox = query(
        pair.n8n_dsn, "SELECT status FROM sai_etl.outbox WHERE execution_id = %s", [EXECUTION]
    )
    delivered = query(
        pair.dashboard_dsn, "SELECT status FROM executions WHERE id = %s", [EXECUTION]
    )
    ((drained,),) = query(pair.n8n_dsn, "SELECT sai_etl.drain_outbox()")
    after = query(
        pair.dashboard_dsn,
        "SELECT status, ingest_source FROM executions WHERE id = %s",
        [EXECUTION],
    )

    assert outbox == [("error",)]
    assert delivered == [("crashed",)]
    assert drained == 1
    assert after == [("crashed", "trigger")], "the outbox's older facts replaced the newer ones"
