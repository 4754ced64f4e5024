"""n8n 2.41's statements for one execution, as its server log shows them
(tests/fixtures/n8n-2.41/README.md). What changed from 1.123 (n8n_writes):

1. creating transaction: INSERT execution_entity (status `new`), INSERT execution_data ... ON
   CONFLICT ("executionId") DO UPDATE (none when the data goes to n8n's disk, storedAt fs), then
   UPDATE execution_entity SET "jsonSizeBytes", "binaryDataSizeBytes" (a `new -> new` update);
2. UPDATE execution_entity to `running` with startedAt, twice;
3. finishing transaction: UPDATE execution_entity (mode, finished, stoppedAt, status,
   usedPrivateCredentials) WHERE status != 'canceled', UPDATE execution_data (data,
   workflowData), then a second UPDATE execution_entity SET the sizes: a row trigger sees
   `running -> success` before the final data and `success -> success` after it.
"""

from __future__ import annotations

from datetime import datetime

import psycopg


def create(
    conn: psycopg.Connection,
    workflow_id: str,
    *,
    execution_id: int,
    mode: str,
    created_at: datetime,
    stored_at: str,
    workflow_version_id: str | None,
    workflow_data: str,
    data: str,
    json_size: int,
    binary_size: int,
) -> None:
    """Step 1 in one transaction."""
    with conn.transaction():
        conn.execute(
            """
            INSERT INTO execution_entity
                (id, finished, mode, status, "workflowId", "createdAt", "startedAt", "storedAt",
                 "workflowVersionId")
            VALUES (%s, false, %s, 'new', %s, %s, NULL, %s, %s)
            """,
            (execution_id, mode, workflow_id, created_at, stored_at, workflow_version_id),
        )
        if stored_at == "db":
            conn.execute(
                'INSERT INTO execution_data ("executionId", "workflowData", data, '
                '"workflowVersionId") VALUES (%s, %s::json, %s, %s) '
                'ON CONFLICT ("executionId") DO UPDATE SET '
                '"workflowData" = excluded."workflowData", data = excluded.data, '
                '"workflowVersionId" = excluded."workflowVersionId"',
                (execution_id, workflow_data, data, workflow_version_id),
            )
        _sizes(conn, execution_id, json_size, binary_size)


def set_running(conn: psycopg.Connection, execution_id: int, started_at: datetime) -> None:
    """Step 2 (n8n sends it twice)."""
    conn.execute(
        "UPDATE execution_entity SET status = 'running', \"startedAt\" = %s WHERE id = %s",
        (started_at, execution_id),
    )


def finish(
    conn: psycopg.Connection,
    execution_id: int,
    status: str,
    *,
    mode: str,
    stopped_at: datetime,
    stored_at: str,
    workflow_data: str,
    data: str,
    json_size: int,
    binary_size: int,
) -> None:
    """Step 3 in one transaction."""
    with conn.transaction():
        conn.execute(
            'UPDATE execution_entity SET mode = %s, finished = %s, "stoppedAt" = %s, status = %s, '
            "\"usedPrivateCredentials\" = false WHERE id = %s AND status != 'canceled'",
            (mode, status == "success", stopped_at, status, execution_id),
        )
        if stored_at == "db":
            conn.execute(
                'UPDATE execution_data SET data = %s, "workflowData" = %s::json '
                'WHERE "executionId" = %s',
                (data, workflow_data, execution_id),
            )
        _sizes(conn, execution_id, json_size, binary_size)


def _sizes(conn: psycopg.Connection, execution_id: int, json_size: int, binary_size: int) -> None:
    conn.execute(
        'UPDATE execution_entity SET "jsonSizeBytes" = %s, "binaryDataSizeBytes" = %s '
        "WHERE id = %s",
        (json_size, binary_size, execution_id),
    )
