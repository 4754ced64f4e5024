"""n8n 1.123's statements for one execution, as its server log shows them (fixtures README).

1. one transaction: INSERT execution_entity (status `new`) and INSERT execution_data;
2. UPDATE execution_entity to `running` with startedAt;
3. one transaction: UPDATE execution_entity (mode, finished, stoppedAt, terminal status), then
   UPDATE execution_data (workflowData, final data).
Tests call the steps one by one so they can leave out or repeat one (an execution canceled while
queued never runs). `finish` returns how long n8n's finishing transaction took: with Stage 1's
deferred trigger, its COMMIT is where n8n waits for the dashboard.
"""

from __future__ import annotations

import json
import time
from datetime import datetime

import psycopg

from sai_etl_dev.flatted import decode, encode
from sai_etl_dev.payloads import initial_run_data

TERMINAL = ("success", "error", "crashed", "canceled")

# What n8n stores before any node ran (the shape of n8n_payloads.initial_run_data, no nodes).
EMPTY_RUN = encode(
    {
        "version": 1,
        "startData": {},
        "resultData": {"runData": {}},
        "executionData": {
            "contextData": {},
            "nodeExecutionStack": [],
            "metadata": {},
            "waitingExecution": {},
            "waitingExecutionSource": {},
        },
    }
)


def initial_data(workflow_data: str, final_data: str) -> str:
    """What n8n stored when it created an execution it later finished with `final_data`: the
    webhook node with its item waiting on the stack."""
    workflow = json.loads(workflow_data)
    webhook = next(n for n in workflow["nodes"] if n["type"] == "n8n-nodes-base.webhook")
    run = decode(final_data)["resultData"]["runData"][webhook["name"]][0]
    return encode(initial_run_data(webhook, run["data"]["main"][0][0]))


def insert_new(
    conn: psycopg.Connection,
    workflow_id: str,
    *,
    execution_id: int | None = None,
    mode: str = "webhook",
    retry_of: str | None = None,
    created_at: datetime | None = None,
    workflow_data: str = "{}",
    data: str = EMPTY_RUN,
) -> int:
    """Step 1; the execution's id (from n8n's sequence unless given). created_at None: now()."""
    with conn.transaction():
        (new_id,) = conn.execute(
            """
            INSERT INTO execution_entity
                (id, finished, mode, "retryOf", status, "workflowId", "createdAt", "startedAt")
            VALUES (coalesce(%s::integer, nextval('execution_entity_id_seq')), false, %s, %s,
                    'new', %s, coalesce(%s::timestamptz, CURRENT_TIMESTAMP(3)), NULL)
            RETURNING id
            """,
            (execution_id, mode, retry_of, workflow_id, created_at),
        ).fetchone()
        conn.execute(
            'INSERT INTO execution_data ("executionId", "workflowData", data) '
            "VALUES (%s, %s::json, %s)",
            (new_id, workflow_data, data),
        )
    return new_id


def set_running(
    conn: psycopg.Connection, execution_id: int, started_at: datetime | None = None
) -> None:
    """Step 2 (n8n sends it twice; once is the same to a trigger). started_at None: now()."""
    conn.execute(
        "UPDATE execution_entity SET status = 'running', "
        '"startedAt" = coalesce(%s::timestamptz, CURRENT_TIMESTAMP(3)) WHERE id = %s',
        (started_at, execution_id),
    )


def finish(
    conn: psycopg.Connection,
    execution_id: int,
    status: str,
    *,
    mode: str = "webhook",
    stopped_at: datetime | None = None,
    workflow_data: str = "{}",
    data: str = EMPTY_RUN,
) -> float:
    """Step 3 in one transaction; the seconds it took, COMMIT included. stopped_at None: now()."""
    started = time.perf_counter()
    with conn.transaction():
        cur = conn.execute(
            'UPDATE execution_entity SET mode = %s, finished = %s, "stoppedAt" = '
            "coalesce(%s::timestamptz, CURRENT_TIMESTAMP(3)), status = %s WHERE id = %s",
            (mode, status == "success", stopped_at, status, execution_id),
        )
        if cur.rowcount != 1:
            raise LookupError(f"execution {execution_id} is not in execution_entity")
        conn.execute(
            'UPDATE execution_data SET "workflowData" = %s::json, data = %s '
            'WHERE "executionId" = %s',
            (workflow_data, data, execution_id),
        )
    return time.perf_counter() - started


def settle(conn: psycopg.Connection) -> str | None:
    """Collect the dashboard's answer to the last execution this backend's trigger sent (Stage 1
    sends without waiting; the next delivery in the backend collects it otherwise): NULL when
    the link is fine, else why not. An error answer puts that execution in the outbox."""
    (reason,) = conn.execute("SELECT sai_etl.link_settle()").fetchone()
    return reason


def write_execution(
    conn: psycopg.Connection, workflow_id: str, status: str = "success"
) -> tuple[int, float]:
    """One whole execution with the database's clock; its id and finishing-transaction seconds."""
    execution_id = insert_new(conn, workflow_id)
    set_running(conn, execution_id)
    return execution_id, finish(conn, execution_id, status)
