"""One bad string in a real execution loses that value, not the execution's facts.

A copy of fixture execution 2 (n8n 1.123: camera NODE_001 / cam_0, an inline JPEG, the Ollama
response R2, Telegram message 1001) is written to n8n twice: as it is, and with one string
element of its flatted data made one that jsonb cannot hold (a NUL, or a lone surrogate,
written as JSON escapes the way n8n's JSON.stringify writes them). The extraction of the edited
copy must give everything the clean copy gives, except the value that string held.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from support import n8n_writes

FIXTURE = 2
RESPONSE_START = "```json"  # R2, the Ollama response of execution 2
READ_FROM_RESPONSE = (
    "alert_level",
    "risk_level",
    "has_smoke",
    "confidence_score",
    "analysis_text",
    "smoke_detected",
    "flame_detected",
    "heat_signature_detected",
)
LOCATOR = (
    "SELECT outcome, image_source, md5(image_base64), image_path, image_mime_type, "
    "image_file_name FROM etl_extract_execution(%s::bigint)"
)


def _json_escaped(text: str) -> str:
    """`text` as a JSON string literal, surrogates written as \\uXXXX escapes (as in JS)."""
    return (
        '"'
        + "".join(
            f"\\u{ord(c):04x}"
            if ord(c) < 0x20 or 0xD800 <= ord(c) <= 0xDFFF
            else json.dumps(c)[1:-1]
            for c in text
        )
        + '"'
    )


def _with_bad_string(data: str, index: int, bad: str) -> str:
    """Flatted `data` with string element `index` replaced by `bad`, the rest as n8n wrote it."""
    elements = json.loads(data)
    assert isinstance(elements[index], str)
    out = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in elements]
    out[index] = _json_escaped(bad)
    return "[" + ",".join(out) + "]"


class Copies:
    """Copies of a fixture execution written to n8n and recorded in the dashboard."""

    def __init__(self, n8n: psycopg.Connection, dashboard: psycopg.Connection) -> None:
        self.n8n, self.dashboard = n8n, dashboard
        self.made: list[int] = []
        self.workflow_id, self.workflow_data, self.data = n8n.execute(
            'SELECT e."workflowId", d."workflowData"::text, d.data FROM execution_entity AS e '
            'JOIN execution_data AS d ON d."executionId" = e.id WHERE e.id = %s',
            [FIXTURE],
        ).fetchone()

    def add(self, data: str) -> int:
        with self.n8n.transaction():
            (execution_id,) = self.n8n.execute(
                'INSERT INTO execution_entity (finished, mode, status, "workflowId", '
                '"createdAt", "startedAt", "stoppedAt") '
                "VALUES (true, 'webhook', 'success', %s, now(), now(), now()) RETURNING id",
                [self.workflow_id],
            ).fetchone()
            self.made.append(execution_id)
            self.n8n.execute(
                'INSERT INTO execution_data ("executionId", "workflowData", data) '
                "VALUES (%s, %s::json, %s)",
                [execution_id, self.workflow_data, data],
            )
        # The trigger's own delivery first, so that the call below is the last word.
        n8n_writes.settle(self.n8n)
        self.dashboard.execute(
            "SELECT etl_ingest_execution(%s, %s, 'success', 'webhook', NULL, now(), now(), now())",
            [execution_id, self.workflow_id],
        )
        return execution_id

    def _one(self, query: str, execution_id: int) -> Any:
        row = self.dashboard.execute(query, [execution_id]).fetchone()
        return row and row[0]

    def facts(self, execution_id: int) -> dict[str, Any]:
        """The image locator the extraction hands over, and every fact it recorded."""
        locator = self.dashboard.execute(LOCATOR, [execution_id]).fetchone()
        return {
            "locator": locator,
            "ids": self.dashboard.execute(
                "SELECT node_id, camera_id FROM executions WHERE id = %s", [execution_id]
            ).fetchone(),
            "analysis": self._one(
                "SELECT to_jsonb(a) - '{execution_id,extracted_at,updated_at}'::text[] "
                "FROM execution_analysis AS a WHERE execution_id = %s",
                execution_id,
            ),
            "notification": self._one(
                "SELECT to_jsonb(n) - '{execution_id,extracted_at,updated_at,created_at}'::text[] "
                "FROM execution_notifications AS n WHERE execution_id = %s",
                execution_id,
            ),
        }

    def cleanup(self) -> None:
        self.n8n.execute("DELETE FROM execution_entity WHERE id = ANY(%s)", [self.made])
        self.dashboard.execute("DELETE FROM executions WHERE id = ANY(%s)", [self.made])


@pytest.fixture
def copies(n8n: psycopg.Connection, dashboard: psycopg.Connection) -> Iterator[Copies]:
    made = Copies(n8n, dashboard)
    yield made
    made.cleanup()


def _index(data: str, predicate: Any) -> int:
    return next(i for i, e in enumerate(json.loads(data)) if isinstance(e, str) and predicate(e))


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\udc00"], ids=["NUL", "high", "low"])
def test_bad_response_loses_only_what_the_model_said(copies: Copies, bad: str) -> None:
    index = _index(copies.data, lambda e: e.startswith(RESPONSE_START))
    response = json.loads(copies.data)[index]
    clean = copies.facts(copies.add(copies.data))
    assert clean["ids"] == ("NODE_001", "cam_0")
    assert clean["analysis"] is not None and clean["analysis"]["risk_level"] == "medium"
    assert clean["notification"]["telegram_message_id"] == 1001
    assert clean["locator"][0:2] == ("ready", "binary")

    edited = copies.add(_with_bad_string(copies.data, index, response[:20] + bad + response[20:]))
    got = copies.facts(edited)
    # The model did answer (its model and timing are known); what it said is not, and so
    # neither is anything read from it.
    analysis = {**clean["analysis"], **dict.fromkeys(READ_FROM_RESPONSE)}
    analysis["raw_response"] = {**clean["analysis"]["raw_response"], "response": None}
    assert got == {**clean, "analysis": analysis}


def test_bad_camera_id_loses_only_the_camera_id(copies: Copies) -> None:
    index = _index(copies.data, lambda e: e == "cam_0")
    clean = copies.facts(copies.add(copies.data))
    got = copies.facts(copies.add(_with_bad_string(copies.data, index, "cam\x00_0")))
    assert got == {**clean, "ids": ("NODE_001", None)}
