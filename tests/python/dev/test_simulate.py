"""The simulator writes what n8n 1.123 writes, in the order n8n writes it.

Shapes are checked against the real executions in tests/fixtures/n8n-1.123 (read from
executions.sql, so the test database needs only the fixture schema).
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PIL import Image

from sai_etl_dev import cli as simulate_command
from sai_etl_dev import payloads as p
from sai_etl_dev.flatted import decode
from sai_etl_dev.frames import make_frame
from sai_etl_dev.simulate import ensure_workflows, simulate
from support import pgcopy

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "n8n-1.123"
SMALL = (320, 240)


@pytest.fixture(scope="module")
def fixture_executions() -> dict[int, tuple[dict[str, Any], Any]]:
    """execution id -> (workflowData, decoded data) of the real n8n executions."""
    block = pgcopy.read(FIXTURES / "executions.sql")["public.execution_data"]
    return {
        int(row["executionId"]): (json.loads(row["workflowData"]), decode(row["data"]))
        for row in block.rows
    }


def _shape(value: Any) -> Any:
    """Keys (in order) and leaf types; a list by its first element."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


@pytest.fixture
def sim(n8n: psycopg.Connection) -> Iterator[Any]:
    """`simulate` on the test database; the executions it made are deleted afterwards."""
    ensure_workflows(n8n)
    made: list[int] = []

    def run(count: int, **options: Any) -> list[int]:
        ids = simulate(n8n, count, **options)
        made.extend(ids)
        return ids

    yield run
    n8n.execute("DELETE FROM execution_entity WHERE id = ANY(%s)", (made,))


def _row(conn: psycopg.Connection, execution_id: int) -> dict[str, Any]:
    cur = conn.execute(
        """
        SELECT e.status, e.finished, e.mode, e."workflowId", e."startedAt", e."stoppedAt",
               d."workflowData", d.data
        FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id
        WHERE e.id = %s
        """,
        (execution_id,),
    )
    names = [column.name for column in cur.description]
    row = dict(zip(names, cur.fetchone(), strict=True))
    row["decoded"] = decode(row["data"])
    return row


def _by_alert(conn: psycopg.Connection, ids: list[int]) -> tuple[dict, dict]:
    """One decoded execution that sent a Telegram alert and one that did not."""
    sent, quiet = [], []
    for execution_id in ids:
        data = _row(conn, execution_id)["decoded"]
        alerted = any("Telegram" in node for node in data["resultData"]["runData"])
        (sent if alerted else quiet).append(data)
    assert sent and quiet, "the seed should give both outcomes"
    return sent[0], quiet[0]


def _jpeg_size(data: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    image.load()
    return image.size


# --- frames ---------------------------------------------------------------------------------


@pytest.mark.parametrize("smoke", [False, True])
def test_frame_is_a_1080p_jpeg_of_realistic_weight(smoke: bool) -> None:
    frame = make_frame(seed=7, smoke=smoke)
    assert _jpeg_size(frame) == (1920, 1080)
    assert 200_000 <= len(frame) <= 350_000


def test_frame_has_the_requested_size_and_differs_by_seed() -> None:
    assert _jpeg_size(make_frame(1280, 720, seed=1)) == (1280, 720)
    assert make_frame(640, 480, seed=3) == make_frame(640, 480, seed=3)
    assert make_frame(640, 480, seed=3) != make_frame(640, 480, seed=4)


def test_pretty_bytes_matches_what_n8n_stored() -> None:
    assert [p.pretty_bytes(n) for n in (729199, 244085, 110125, 999, 1234567)] == [
        "729 kB",
        "244 kB",
        "110 kB",
        "999 B",
        "1.23 MB",
    ]


# --- workflows ------------------------------------------------------------------------------


def test_ensure_workflows_is_idempotent(n8n: psycopg.Connection) -> None:
    ensure_workflows(n8n)
    query = (
        'SELECT id, xmin::text, "versionCounter", "activeVersionId" FROM workflow_entity '
        "WHERE id = ANY(%s) ORDER BY id"
    )
    ids = [p.CAMERA_WORKFLOW_ID, p.JSON_WORKFLOW_ID]
    before = n8n.execute(query, (ids,)).fetchall()
    ensure_workflows(n8n)
    assert n8n.execute(query, (ids,)).fetchall() == before
    assert [row[0] for row in before] == sorted(ids)
    assert all(row[3] is None for row in before)


def test_workflow_data_is_what_n8n_stored(
    n8n: psycopg.Connection, sim: Any, fixture_executions: dict
) -> None:
    """Node parameters resolved as n8n resolves them; only the row's timestamps differ."""
    for workflow, fixture_id in (("camera", 2), ("json", 8)):
        (execution_id,) = sim(1, workflow=workflow, frame_size=SMALL)
        stored = _row(n8n, execution_id)["workflowData"]
        real = fixture_executions[fixture_id][0]
        for key in ("createdAt", "updatedAt", "activeVersionId"):
            del stored[key], real[key]
        assert json.dumps(stored) == json.dumps(real)


# --- the statement sequence -----------------------------------------------------------------

TRACE = """
CREATE SCHEMA test_simulate_trace;
CREATE TABLE test_simulate_trace.event (
    seq bigserial PRIMARY KEY, tbl text, op text, execution_id int, status text,
    txid bigint, final_data_seen boolean, data text);
CREATE FUNCTION test_simulate_trace.entity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO test_simulate_trace.event (tbl, op, execution_id, status, txid, final_data_seen)
    SELECT 'entity', TG_OP, NEW.id, NEW.status, txid_current(),
           (SELECT d.data LIKE '%"lastNodeExecuted"%' FROM public.execution_data d
            WHERE d."executionId" = NEW.id);
    RETURN NULL;
END $$;
CREATE FUNCTION test_simulate_trace.data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO test_simulate_trace.event (tbl, op, execution_id, status, txid, data)
    SELECT 'data', TG_OP, NEW."executionId", e.status, txid_current(), NEW.data
    FROM public.execution_entity e WHERE e.id = NEW."executionId";
    RETURN NULL;
END $$;
CREATE TRIGGER zz_test_simulate_trace AFTER INSERT OR UPDATE ON public.execution_entity
    FOR EACH ROW EXECUTE FUNCTION test_simulate_trace.entity();
CREATE TRIGGER zz_test_simulate_trace AFTER INSERT OR UPDATE ON public.execution_data
    FOR EACH ROW EXECUTE FUNCTION test_simulate_trace.data();
"""


@pytest.fixture
def trace(n8n: psycopg.Connection) -> Iterator[None]:
    n8n.execute("DROP SCHEMA IF EXISTS test_simulate_trace CASCADE")
    n8n.execute(TRACE)
    yield
    n8n.execute("DROP SCHEMA test_simulate_trace CASCADE")


@pytest.mark.parametrize(("error_rate", "terminal"), [(0.0, "success"), (1.0, "error")])
def test_statements_follow_n8n_sequence(
    n8n: psycopg.Connection, sim: Any, trace: None, error_rate: float, terminal: str
) -> None:
    ids = sim(2, workflow="camera", error_rate=error_rate, frame_size=SMALL)
    for execution_id in ids:
        events = n8n.execute(
            "SELECT tbl, op, status, txid, final_data_seen, data "
            "FROM test_simulate_trace.event WHERE execution_id = %s ORDER BY seq",
            (execution_id,),
        ).fetchall()
        assert [e[:3] for e in events] == [
            ("entity", "INSERT", "new"),
            ("data", "INSERT", "new"),
            ("entity", "UPDATE", "running"),
            ("entity", "UPDATE", "running"),
            ("entity", "UPDATE", terminal),
            ("data", "UPDATE", terminal),
        ]
        tx = [e[3] for e in events]
        # Step 1 in one transaction, each `running` on its own, the end in one transaction.
        assert tx[0] == tx[1] and tx[4] == tx[5]
        assert len({tx[0], tx[2], tx[3], tx[4]}) == 4
        # The terminal status is written before the final data: a trigger sees the old data.
        assert events[4][4] is False
        initial, final = decode(events[1][5]), decode(events[5][5])
        assert initial["resultData"] == {"runData": {}}
        (waiting,) = initial["executionData"]["nodeExecutionStack"]
        assert waiting["node"]["name"] == "Webhook" and waiting["source"] is None
        assert "binary" in waiting["data"]["main"][0][0]
        assert "lastNodeExecuted" in final["resultData"]


# --- the data -------------------------------------------------------------------------------


def test_camera_executions_have_n8n_shapes(
    n8n: psycopg.Connection, sim: Any, fixture_executions: dict
) -> None:
    ids = sim(8, seed=3, workflow="camera", error_rate=0.0)
    sent, quiet = _by_alert(n8n, ids)
    assert _shape(sent) == _shape(fixture_executions[2][1])
    assert _shape(quiet) == _shape(fixture_executions[1][1])
    for data in (sent, quiet):
        runs = data["resultData"]["runData"]
        item = runs["Webhook"][0]["data"]["main"][0][0]
        body, image = item["json"]["body"], item["binary"]["image"]
        assert re.fullmatch(r"NODE_\d{3}", body["node_id"])
        assert re.fullmatch(r"cam_\w+", body["camera_id"])
        frame = base64.b64decode(image["data"], validate=True)
        assert _jpeg_size(frame) == (1920, 1080)
        assert image["fileSize"] == p.pretty_bytes(len(frame))
        assert item["json"]["headers"]["content-length"] == str(
            p.multipart_length(body, image["fileName"], len(frame))
        )
        answer = runs["Ollama Analysis"][0]["data"]["main"][0][0]["json"]
        assert answer["model"] == "qwen2.5vl:7b"
        assert answer["response"] in {r.text for r in p.RESPONSES}
        gate = runs["Risk Alert?"][0]["data"]["main"]
        # The IF node's item holds the very object Ollama returned (flatted stores it once).
        assert (gate[0] or gate[1])[0]["json"] is answer
        alerted = re.search("high|alto|critical|medium", answer["response"], re.I) is not None
        assert bool(gate[0]) == alerted == ("Telegram Alert" in runs)
    message = sent["resultData"]["runData"]["Telegram Alert"][0]["data"]["main"][0][0]["json"]
    assert message["ok"] is True
    assert message["result"]["chat"]["id"] == -1001234567890
    assert message["result"]["text"].startswith("Alerta SAI: ")


def test_error_executions_stop_at_ollama(
    n8n: psycopg.Connection, sim: Any, fixture_executions: dict
) -> None:
    for execution_id in sim(3, seed=5, error_rate=1.0, frame_size=SMALL):
        row = _row(n8n, execution_id)
        assert (row["status"], row["finished"], row["mode"]) == ("error", False, "webhook")
        assert row["stoppedAt"] >= row["startedAt"]
        data = row["decoded"]
        spec = p.WORKFLOWS[row["workflowId"]]
        runs = data["resultData"]["runData"]
        assert list(runs) == ["Webhook", spec.ollama]
        assert runs[spec.ollama][0]["executionStatus"] == "error"
        assert data["resultData"]["error"]["httpCode"] == "ECONNREFUSED"
        assert data["resultData"]["lastNodeExecuted"] == spec.ollama
        (stuck,) = data["executionData"]["nodeExecutionStack"]
        assert stuck["node"]["name"] == spec.ollama
        if spec.id == p.CAMERA_WORKFLOW_ID:
            assert _shape(data) == _shape(fixture_executions[13][1])


def test_json_workflow_sends_the_frame_in_the_body(
    n8n: psycopg.Connection, sim: Any, fixture_executions: dict
) -> None:
    ids = sim(8, seed=2, workflow="json", error_rate=0.0)
    seen_data_url = seen_bare = False
    for execution_id in ids:
        data = _row(n8n, execution_id)["decoded"]
        runs = data["resultData"]["runData"]
        item = runs["Webhook"][0]["data"]["main"][0][0]
        assert "binary" not in item
        body = item["json"]["body"]
        image = body["image"]
        if image.startswith("data:image/jpeg;base64,"):
            seen_data_url = True
            image = image.removeprefix("data:image/jpeg;base64,")
        else:
            seen_bare = True
        assert _jpeg_size(base64.b64decode(image, validate=True)) == (1920, 1080)
        assert item["json"]["headers"]["content-length"] == str(
            len(json.dumps(body, separators=(",", ":")).encode())
        )
        # No IF node here: every answer goes on to Telegram.
        assert list(runs) == ["Webhook", "Ollama", "Telegram"]
        like = 8 if "timestamp" in body else 9
        assert _shape(data) == _shape(fixture_executions[like][1])
    assert seen_data_url and seen_bare


def test_filesystem_mode_writes_the_binary_file(
    n8n: psycopg.Connection, sim: Any, fixture_executions: dict, tmp_path: Path
) -> None:
    ids = sim(
        8, seed=4, workflow="camera", error_rate=0.0, binary_mode="filesystem", binary_dir=tmp_path
    )
    sent, quiet = _by_alert(n8n, ids)
    assert _shape(sent) == _shape(fixture_executions[16][1])
    assert _shape(quiet) == _shape(fixture_executions[15][1])
    for data in (sent, quiet):
        item = data["resultData"]["runData"]["Webhook"][0]["data"]["main"][0][0]
        image = item["binary"]["image"]
        assert image["data"] == "filesystem-v2"
        kind, relative = image["id"].split(":", 1)
        assert kind == "filesystem-v2"
        assert relative.startswith(f"workflows/{p.CAMERA_WORKFLOW_ID}/executions/temp/")
        path = tmp_path / "binaryData" / relative
        frame = path.read_bytes()
        assert _jpeg_size(frame) == (1920, 1080)
        metadata = json.loads(path.with_name(path.name + ".metadata").read_text())
        assert metadata == {
            "mimeType": "image/jpeg",
            "fileName": image["fileName"],
            "fileSize": len(frame),
        }
        assert image["fileSize"] == p.pretty_bytes(len(frame))
        assert item["json"]["headers"]["content-length"] == str(
            p.multipart_length(item["json"]["body"], image["fileName"], len(frame))
        )


def test_ids_exist_and_seed_repeats_the_run(n8n: psycopg.Connection, sim: Any) -> None:
    first = sim(6, seed=9, frame_size=SMALL, error_rate=0.3)
    second = sim(6, seed=9, frame_size=SMALL, error_rate=0.3)
    found = n8n.execute(
        'SELECT id, "workflowId", status FROM execution_entity WHERE id = ANY(%s) ORDER BY id',
        (first + second,),
    ).fetchall()
    assert [row[0] for row in found] == sorted(first + second)
    assert [row[1:] for row in found[:6]] == [row[1:] for row in found[6:]]


def test_rate_paces_the_run(sim: Any) -> None:
    started = time.monotonic()
    sim(4, rate=10, frame_size=SMALL)
    assert time.monotonic() - started >= 0.3


def test_command_plays_and_reports(
    n8n: psycopg.Connection,
    n8n_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SAI_N8N_DSN", n8n_dsn)
    parser = argparse.ArgumentParser()
    simulate_command.register(parser.add_subparsers())
    args = parser.parse_args(["simulate", "--count", "3", "--error-rate", "0", "--seed", "1"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    match = re.match(r"simulated 3 executions, ids (\d+)\.\.(\d+): 3 success; ", out)
    assert match, out
    first, last = int(match[1]), int(match[2])
    try:
        (count,) = n8n.execute(
            "SELECT count(*) FROM execution_entity WHERE id BETWEEN %s AND %s AND status = %s",
            (first, last, "success"),
        ).fetchone()
        assert count == 3
    finally:
        n8n.execute("DELETE FROM execution_entity WHERE id BETWEEN %s AND %s", (first, last))
