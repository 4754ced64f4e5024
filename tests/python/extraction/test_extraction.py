"""Stage 2 extraction (etl_extract_execution) against real n8n rows written for the test.

These need both databases at once: the n8n rows are written through the `n8n` connection (the
dashboard's link to n8n is read only), the extraction runs in the dashboard. Every test removes
the n8n and dashboard rows it made.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sai_etl_dev import payloads as p
from sai_etl_dev.flatted import decode, encode
from support import n8n_writes

CAMERA = p.CAMERA_WORKFLOW_ID
EXTRACT = "SELECT * FROM etl_extract_execution(%s::bigint)"
TERMINAL = ("success", "error", "crashed", "canceled")


class Executions:
    """Writes executions into n8n (and, when asked, records them in the dashboard)."""

    def __init__(self, n8n: psycopg.Connection, dashboard: psycopg.Connection) -> None:
        self.n8n = n8n
        self.dashboard = dashboard
        self.made: list[int] = []
        self.files: list[uuid.UUID] = []

    def fixture(self, execution_id: int) -> tuple[str, Any]:
        """workflowData (JSON text) and decoded data of a fixture execution."""
        workflow_data, data = self.n8n.execute(
            'SELECT "workflowData"::text, data FROM execution_data WHERE "executionId" = %s',
            (execution_id,),
        ).fetchone()
        return workflow_data, decode(data)

    def add(self, status: str, workflow_data: str, data: Any) -> int:
        """A new n8n execution of the camera workflow; its id."""
        with self.n8n.transaction():
            (execution_id,) = self.n8n.execute(
                """
                INSERT INTO execution_entity
                    (finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt")
                VALUES (%s, 'webhook', %s, %s, now(), now(), CASE WHEN %s THEN now() END)
                RETURNING id
                """,
                (status == "success", status, CAMERA, status in TERMINAL),
            ).fetchone()
            self.made.append(execution_id)
            self.n8n.execute(
                'INSERT INTO execution_data ("executionId", "workflowData", data) '
                "VALUES (%s, %s::json, %s)",
                (execution_id, workflow_data, encode(data)),
            )
        n8n_writes.settle(self.n8n)
        return execution_id

    def record(self, execution_id: int) -> None:
        """Stage 1's row, as the trigger would send it (it fires before n8n commits)."""
        self.dashboard.execute(
            "SELECT etl_ingest_execution(%s, %s, 'success', 'webhook', NULL, now(), now(), now())",
            (execution_id, CAMERA),
        )

    def finish(self, execution_id: int, data: Any) -> None:
        """n8n's final transaction: the terminal status, then the final data."""
        with self.n8n.transaction():
            self.n8n.execute(
                "UPDATE execution_entity SET status = 'success', finished = true, "
                '"stoppedAt" = now() WHERE id = %s',
                (execution_id,),
            )
            self.n8n.execute(
                'UPDATE execution_data SET data = %s WHERE "executionId" = %s',
                (encode(data), execution_id),
            )
        n8n_writes.settle(self.n8n)

    def binary_file(self, data: bytes, mime_type: str, file_name: str) -> uuid.UUID:
        """A row of n8n 2.x's binary_data table."""
        file_id = uuid.uuid4()
        self.n8n.execute(
            'INSERT INTO binary_data ("fileId", "sourceType", "sourceId", data, "mimeType", '
            '"fileName", "fileSize") VALUES (%s, %s, %s, %s, %s, %s, %s)',
            (file_id, "execution", "0", data, mime_type, file_name, len(data)),
        )
        self.files.append(file_id)
        return file_id

    def cleanup(self) -> None:
        self.n8n.execute("DELETE FROM execution_entity WHERE id = ANY(%s)", (self.made,))
        self.n8n.execute('DELETE FROM binary_data WHERE "fileId" = ANY(%s)', (self.files,))
        self.dashboard.execute("DELETE FROM executions WHERE id = ANY(%s)", (self.made,))


@pytest.fixture
def executions(n8n: psycopg.Connection, dashboard: psycopg.Connection) -> Iterator[Executions]:
    made = Executions(n8n, dashboard)
    yield made
    made.cleanup()


def _extract(dashboard: psycopg.Connection, execution_id: int) -> dict[str, Any]:
    cur = dashboard.execute(EXTRACT, (execution_id,))
    names = [column.name for column in cur.description]
    return dict(zip(names, cur.fetchone(), strict=True))


def _facts(dashboard: psycopg.Connection, execution_id: int) -> dict[str, Any]:
    """Everything extraction wrote for one execution, timestamps included."""
    return {
        "ids": dashboard.execute(
            "SELECT node_id, camera_id FROM executions WHERE id = %s", (execution_id,)
        ).fetchone(),
        "analysis": dashboard.execute(
            "SELECT * FROM execution_analysis WHERE execution_id = %s", (execution_id,)
        ).fetchone(),
        "notification": dashboard.execute(
            "SELECT * FROM execution_notifications WHERE execution_id = %s", (execution_id,)
        ).fetchone(),
    }


def _node(workflow_data: str, name: str) -> dict[str, Any]:
    return next(n for n in json.loads(workflow_data)["nodes"] if n["name"] == name)


def _webhook_item(data: Any) -> dict[str, Any]:
    return data["resultData"]["runData"]["Webhook"][0]["data"]["main"][0][0]


def test_running_execution_is_not_ready_then_ready_once_finished(
    executions: Executions, dashboard: psycopg.Connection
) -> None:
    workflow_data, final = executions.fixture(2)
    item = _webhook_item(final)
    webhook = _node(workflow_data, "Webhook")
    execution_id = executions.add("running", workflow_data, p.initial_run_data(webhook, item))
    executions.record(execution_id)

    found = _extract(dashboard, execution_id)
    assert (found["outcome"], found["reason"]) == (
        "not_ready",
        "n8n status is running, not terminal yet",
    )
    assert _facts(dashboard, execution_id) == {
        "ids": (None, None),
        "analysis": None,
        "notification": None,
    }

    executions.finish(execution_id, final)
    found = _extract(dashboard, execution_id)
    assert (found["outcome"], found["image_source"]) == ("ready", "binary")
    facts = _facts(dashboard, execution_id)
    assert facts["ids"] == ("NODE_001", "cam_0")
    assert facts["notification"][1:3] == (True, 1001)


def test_execution_without_data_then_without_row_is_gone(
    executions: Executions, n8n: psycopg.Connection, dashboard: psycopg.Connection
) -> None:
    workflow_data, data = executions.fixture(1)
    execution_id = executions.add("success", workflow_data, data)
    n8n.execute('DELETE FROM execution_data WHERE "executionId" = %s', (execution_id,))
    found = _extract(dashboard, execution_id)
    assert (found["outcome"], found["reason"]) == ("gone", "n8n has no execution_data for it")

    n8n.execute("DELETE FROM execution_entity WHERE id = %s", (execution_id,))
    found = _extract(dashboard, execution_id)
    assert (found["outcome"], found["reason"]) == ("gone", "n8n no longer has the execution")


def test_database_binary_mode_returns_the_bytes(
    executions: Executions, dashboard: psycopg.Connection
) -> None:
    workflow_data, data = executions.fixture(2)
    image = _webhook_item(data)["binary"]["image"]
    frame = base64.b64decode(image["data"])
    file_id = executions.binary_file(frame, "image/jpeg", "stored.jpg")
    # n8n 2.x in database mode: the item keeps the metadata and an id, not the bytes.
    image["data"] = "database"
    image["id"] = f"database:{file_id}"
    del image["fileName"]
    execution_id = executions.add("success", workflow_data, data)

    found = _extract(dashboard, execution_id)
    assert found["outcome"] == "ready"
    assert found["image_source"] == "database"
    assert bytes(found["image_bytes"]) == frame
    assert (found["image_mime_type"], found["image_file_name"]) == ("image/jpeg", "stored.jpg")
    assert found["image_base64"] is None and found["image_path"] is None
    assert found["reason"] is None


def test_unreadable_storage_mode_reaches_the_runner_with_its_reason(
    executions: Executions, dashboard: psycopg.Connection
) -> None:
    workflow_data, data = executions.fixture(2)
    image = _webhook_item(data)["binary"]["image"]
    image["data"] = "s3"
    image["id"] = "s3:sai-frames/cam_0/0001.jpg"
    execution_id = executions.add("success", workflow_data, data)
    executions.record(execution_id)
    reason = "binary data id s3:sai-frames/cam_0/0001.jpg: mode s3 is not one sai-etl reads"
    assert _extract(dashboard, execution_id)["reason"] == reason

    with dashboard.transaction():  # claims of other tests' items are rolled back with it
        dashboard.execute(
            "UPDATE etl_processing_queue SET priority = 1, next_attempt_at = '-infinity' "
            "WHERE execution_id = %s",
            (execution_id,),
        )
        claimed = dashboard.execute(
            "SELECT image_source, image_reason FROM etl_claim('test', 1, 30)"
        ).fetchall()
        assert claimed == [(None, reason)]
        raise psycopg.Rollback


def test_crashed_execution_lands_its_request_from_the_initial_data(
    executions: Executions, dashboard: psycopg.Connection
) -> None:
    workflow_data, data = executions.fixture(13)
    item = _webhook_item(data)
    webhook = _node(workflow_data, "Webhook")
    execution_id = executions.add("crashed", workflow_data, p.initial_run_data(webhook, item))

    found = _extract(dashboard, execution_id)
    assert (found["outcome"], found["image_source"]) == ("ready", "binary")
    assert found["image_base64"] == item["binary"]["image"]["data"]
    facts = _facts(dashboard, execution_id)
    assert facts["ids"] == ("NODE_002", "cam_2")
    assert facts["analysis"] is None
    # n8n died before it saved any run: the Telegram node may have sent before the crash.
    assert facts["notification"][1:5] == (None, None, None, None)


def test_second_extraction_leaves_rows_untouched(
    executions: Executions, dashboard: psycopg.Connection
) -> None:
    workflow_data, data = executions.fixture(2)
    execution_id = executions.add("success", workflow_data, data)
    first_locator = _extract(dashboard, execution_id)
    first = _facts(dashboard, execution_id)
    second_locator = _extract(dashboard, execution_id)  # its own transaction: a later now()
    assert _facts(dashboard, execution_id) == first
    assert second_locator == first_locator
    assert first["analysis"] is not None and first["notification"] is not None


def test_workflow_without_telegram_node_has_unknown_notification(
    executions: Executions, dashboard: psycopg.Connection
) -> None:
    workflow_data, data = executions.fixture(1)
    workflow = json.loads(workflow_data)
    workflow["nodes"] = [n for n in workflow["nodes"] if n["type"] != "n8n-nodes-base.telegram"]
    execution_id = executions.add("success", json.dumps(workflow), data)

    assert _extract(dashboard, execution_id)["outcome"] == "ready"
    facts = _facts(dashboard, execution_id)
    # The row says "extracted, and this workflow has no Telegram node": sent is unknown, not false.
    assert facts["notification"][1:5] == (None, None, None, None)
    assert facts["analysis"] is not None


def _record(n8n: psycopg.Connection, dashboard: psycopg.Connection, ids: list[int]) -> None:
    """Stage 1 for these executions only, with n8n's facts (a no-op where the trigger did it)."""
    rows = n8n.execute(
        'SELECT id, "workflowId", status, mode, "retryOf", "createdAt", "startedAt", "stoppedAt" '
        "FROM execution_entity WHERE id = ANY(%s)",
        (ids,),
    ).fetchall()
    for row in rows:
        dashboard.execute("SELECT etl_ingest_execution(%s, %s, %s, %s, %s, %s, %s, %s)", row)


def _expected(data: Any, workflow: str) -> dict[str, Any]:
    """What the simulated execution says, read with the Python decoder."""
    spec = p.WORKFLOWS[workflow]
    runs = data["resultData"]["runData"]
    item = runs[spec.webhook][0]["data"]["main"][0][0]
    ollama = runs[spec.ollama][0]
    answer = ollama["data"]["main"][0][0]["json"] if "data" in ollama else None
    telegram = runs.get(spec.telegram)
    sent = telegram[0]["data"]["main"][0][0]["json"] if telegram else None
    binary = item.get("binary", {}).get("image")
    return {
        "ids": (item["json"]["body"]["node_id"], item["json"]["body"]["camera_id"]),
        "response": answer["response"] if answer else None,
        "model": answer["model"] if answer else None,
        "message_id": sent["result"]["message_id"] if sent else None,
        "image": binary["data"] if binary else item["json"]["body"]["image"],
    }


def test_simulated_executions_extract_what_was_written(
    simulated: Any, n8n: psycopg.Connection, dashboard: psycopg.Connection
) -> None:
    ids = simulated(16, seed=7, error_rate=0.25, frame_size=(320, 240))
    _record(n8n, dashboard, ids)
    rows = n8n.execute(
        'SELECT d."executionId", e."workflowId", d.data FROM execution_data d '
        'JOIN execution_entity e ON e.id = d."executionId" WHERE d."executionId" = ANY(%s)',
        (ids,),
    ).fetchall()
    expectations = {row[0]: _expected(decode(row[2]), row[1]) for row in rows}
    workflows = {row[1] for row in rows}
    answered = {e["response"] is not None for e in expectations.values()}
    alerted = {e["message_id"] is not None for e in expectations.values()}
    # The seed gives both workflows, failed and answered runs, alerts sent and not.
    assert (len(rows), workflows, answered, alerted) == (
        16,
        set(p.WORKFLOWS),
        {True, False},
        {True, False},
    )
    for execution_id, expected in expectations.items():
        found = _extract(dashboard, execution_id)
        facts = _facts(dashboard, execution_id)
        assert found["outcome"] == "ready"
        assert found["image_base64"] == expected["image"]
        assert facts["ids"] == expected["ids"]
        if expected["response"] is None:
            assert facts["analysis"] is None
        else:
            assert facts["analysis"][3:5] == (expected["response"], expected["model"])
        assert facts["notification"][1:3] == (
            expected["message_id"] is not None,
            expected["message_id"],
        )


def test_filesystem_mode_path_names_the_file_n8n_wrote(
    simulated: Any, n8n: psycopg.Connection, dashboard: psycopg.Connection, tmp_path: Path
) -> None:
    (execution_id,) = simulated(
        1,
        seed=3,
        workflow="camera",
        error_rate=0,
        binary_mode="filesystem",
        binary_dir=tmp_path,
        frame_size=(320, 240),
    )
    _record(n8n, dashboard, [execution_id])
    found = _extract(dashboard, execution_id)
    assert found["image_source"] == "filesystem"
    assert found["image_path"].startswith(f"workflows/{CAMERA}/executions/temp/binary_data/")
    assert (tmp_path / "binaryData" / found["image_path"]).read_bytes()[:3] == b"\xff\xd8\xff"
    assert found["image_base64"] is None
