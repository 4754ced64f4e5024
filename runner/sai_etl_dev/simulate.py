"""A built-in n8n: plays SAI camera executions into an n8n database through n8n's own writes.

Each execution goes through the statements n8n 1.123 was seen to send (fixtures README):
1. one transaction: INSERT execution_entity (status `new`) and INSERT execution_data (the
   initial run data), committed;
2. UPDATE execution_entity to `running`, twice, each committed on its own;
3. one transaction: UPDATE execution_entity (mode, finished, stoppedAt, terminal status) and
   then UPDATE execution_data (workflowData, final run data), committed.
So a trigger on execution_entity sees the terminal status before the final data is written,
exactly as with the real n8n. Used by `make demo`, the tests and the benchmarks.

With n8n_version "2.41" (an n8n database with 2.41's schema) it plays n8n 2.41's sequence
instead (tests/fixtures/n8n-2.41/README.md): the creating and the finishing transactions each end
with an UPDATE of "jsonSizeBytes"/"binaryDataSizeBytes", execution_data is upserted, and the
2.x storage settings are available: frames in the storage folder under the real execution id or
in `binary_data` (database mode, committed before the execution exists, sourceId 'temp'), and
the run itself as a bundle.json on disk ("storedAt" fs).

Timestamps are real: createdAt, startedAt and stoppedAt are the database's clock, node start
times the simulator's, and node execution times are what the simulator took (about 0 ms).
Only Ollama's own durations (total_duration, ...) are drawn at random, in realistic ranges.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import time
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import psycopg

from sai_etl_dev import payloads as p
from sai_etl_dev.flatted import encode
from sai_etl_dev.frames import make_frame
from sai_etl_dev.sandbox import require_sandbox

WorkflowChoice = Literal["mixed", "camera", "json"]
BinaryMode = Literal["inline", "filesystem", "database"]
N8nVersion = Literal["1.123", "2.41"]
ExecutionDataMode = Literal["database", "filesystem"]

# Share of JSON-body executions in a mixed run (the fixtures: 3 of 17 SAI executions).
JSON_SHARE = 0.25


def load_workflow_file(spec: p.WorkflowSpec) -> dict[str, Any]:
    """The workflow as exported from n8n (package data, a one-element JSON array)."""
    text = resources.files("sai_etl_dev").joinpath("data", spec.data_file).read_text("utf-8")
    (workflow,) = json.loads(text)
    return workflow


def ensure_workflows(conn: psycopg.Connection) -> list[str]:
    """Insert the two SAI workflows into workflow_entity where absent; the ids inserted.

    Only into a sandbox (see sandbox.py), and an existing row is never changed, whatever it
    holds: a workflow of that id is someone's. activeVersionId stays NULL: that would need a
    workflow_history row, which nothing here reads.
    """
    require_sandbox(conn)
    inserted = []
    with conn.transaction():
        for spec in p.WORKFLOWS.values():
            workflow = load_workflow_file(spec)
            row = conn.execute(
                """
                INSERT INTO workflow_entity AS w
                    (id, name, active, nodes, connections, settings,
                     "versionId", "triggerCount", "activeVersionId")
                VALUES (%s, %s, %s, %s::json, %s::json, %s::json, %s, 1, NULL)
                ON CONFLICT (id) DO NOTHING
                RETURNING w.id
                """,
                (
                    spec.id,
                    workflow["name"],
                    workflow["active"],
                    json.dumps(workflow["nodes"]),
                    json.dumps(workflow["connections"]),
                    json.dumps(workflow["settings"]),
                    spec.version_id,
                ),
            ).fetchone()
            if row is not None:
                inserted.append(row[0])
    return inserted


@dataclass(frozen=True)
class _Workflow:
    spec: p.WorkflowSpec
    nodes: dict[str, dict[str, Any]]  # resolved, by name
    workflow_data: str  # execution_data."workflowData" as n8n writes it


def _load_workflows(conn: psycopg.Connection, ids: list[str]) -> dict[str, _Workflow]:
    rows = conn.execute(
        """
        SELECT id, name, active, "activeVersionId", "isArchived", "createdAt", "updatedAt",
               nodes, connections, settings, "staticData", "pinData"
        FROM workflow_entity WHERE id = ANY(%s)
        """,
        (ids,),
    ).fetchall()
    found: dict[str, _Workflow] = {}
    for row in rows:
        (wid, name, active, active_version, archived, created, updated) = row[:7]
        nodes, connections, settings, static_data, pin_data = row[7:]
        resolved = [p.resolve_node(node) for node in nodes]
        snapshot = {
            "id": wid,
            "name": name,
            "active": active,
            "activeVersionId": active_version,
            "isArchived": archived,
            "createdAt": p.iso_ms(created),
            "updatedAt": p.iso_ms(updated),
            "nodes": resolved,
            "connections": connections,
            "settings": settings,
            "staticData": static_data if static_data is not None else {},
            "pinData": pin_data,
        }
        found[wid] = _Workflow(
            spec=p.WORKFLOWS[wid],
            nodes={node["name"]: node for node in resolved},
            workflow_data=json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")),
        )
    missing = sorted(set(ids) - set(found))
    if missing:
        raise LookupError(
            f"workflow(s) {', '.join(missing)} not in workflow_entity: "
            "run ensure_workflows first (`sai-etl-dev simulate --setup`)"
        )
    return found


@dataclass(frozen=True)
class _Options:
    error_rate: float
    binary_dir: Path | None  # set: filesystem binary mode (1.123: n8n's folder with binaryData/)
    frame_size: tuple[int, int]
    n8n_version: N8nVersion = "1.123"
    binary_mode: BinaryMode = "inline"
    storage_dir: Path | None = None  # 2.41: n8n's storage root (N8N_STORAGE_PATH)
    execution_data: ExecutionDataMode = "database"


def simulate(
    conn: psycopg.Connection,
    count: int,
    *,
    rate: float | None = None,
    seed: int = 0,
    workflow: WorkflowChoice = "mixed",
    error_rate: float = 0.05,
    binary_mode: BinaryMode = "inline",
    binary_dir: Path | str | None = None,
    frame_size: tuple[int, int] = (1920, 1080),
    n8n_version: N8nVersion = "1.123",
    storage_dir: Path | str | None = None,
    execution_data: ExecutionDataMode = "database",
) -> list[int]:
    """Play `count` executions (at `rate` per second, or as fast as possible); their ids.

    `conn` must be in autocommit mode: every step of n8n's sequence commits on its own.
    The same seed gives the same cameras, frames, answers and failures. n8n_version "2.41"
    plays n8n 2.41's sequence; its filesystem binary mode and execution_data "filesystem" write
    under storage_dir, its database binary mode into binary_data.
    """
    if not conn.autocommit:
        raise ValueError("simulate needs an autocommit connection (each n8n step commits)")
    require_sandbox(conn)
    if count < 0:
        raise ValueError("count must not be negative")
    if rate is not None and rate <= 0:
        raise ValueError("rate must be positive (or None: as fast as possible)")
    if not 0 <= error_rate <= 1:
        raise ValueError("error_rate must be between 0 and 1")
    if n8n_version not in ("1.123", "2.41"):
        raise ValueError(f"unknown n8n_version {n8n_version!r}")
    if binary_mode not in ("inline", "filesystem", "database"):
        raise ValueError(f"unknown binary_mode {binary_mode!r}")
    if execution_data not in ("database", "filesystem"):
        raise ValueError(f"unknown execution_data {execution_data!r}")
    v2 = n8n_version == "2.41"
    if not v2 and (binary_mode == "database" or execution_data == "filesystem"):
        raise ValueError("database binary mode and execution data on disk are n8n 2.x settings")
    if binary_mode == "filesystem" and not v2 and binary_dir is None:
        raise ValueError("binary_mode 'filesystem' needs binary_dir (n8n's binary data root)")
    if v2 and storage_dir is None and ("filesystem" in (binary_mode, execution_data)):
        raise ValueError("n8n 2.x's filesystem settings need storage_dir (n8n's storage root)")
    choices = {
        "camera": [p.CAMERA_WORKFLOW_ID],
        "json": [p.JSON_WORKFLOW_ID],
        "mixed": [p.CAMERA_WORKFLOW_ID, p.JSON_WORKFLOW_ID],
    }
    if workflow not in choices:
        raise ValueError(f"unknown workflow {workflow!r}")
    workflows = _load_workflows(conn, choices[workflow])
    options = _Options(
        error_rate=error_rate,
        binary_dir=(
            Path(binary_dir) if binary_mode == "filesystem" and binary_dir and not v2 else None
        ),
        frame_size=frame_size,
        n8n_version=n8n_version,
        binary_mode=binary_mode,
        storage_dir=Path(storage_dir) if storage_dir is not None else None,
        execution_data=execution_data,
    )
    rng = random.Random(seed)
    ids: list[int] = []
    start = time.monotonic()
    for index in range(count):
        if rate is not None:
            delay = start + index / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        if workflow == "mixed":
            wid = p.JSON_WORKFLOW_ID if rng.random() < JSON_SHARE else p.CAMERA_WORKFLOW_ID
        else:
            wid = choices[workflow][0]
        run = _execute_241 if v2 else _execute
        ids.append(run(conn, workflows[wid], rng, options))
    # Stage 1 sends without waiting and n8n's connection collects the dashboard's answer at its
    # next delivery; the simulator's connection has no next one, so it collects the last answer.
    (installed,) = conn.execute("SELECT to_regprocedure('sai_etl.link_settle()')").fetchone()
    if installed:
        conn.execute("SELECT sai_etl.link_settle()")
    return ids


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _upload(spec: p.WorkflowSpec, rng: random.Random, options: _Options, smoke: bool) -> p.Upload:
    node_id, camera_id = rng.choice(p.CAMERAS)
    width, height = options.frame_size
    frame = make_frame(width, height, seed=rng.getrandbits(31), smoke=smoke)
    upload = p.Upload(
        node_id=node_id,
        camera_id=camera_id,
        file_name=f"{camera_id}_{datetime.now(UTC):%Y%m%d_%H%M%S}.jpg",
        frame=frame,
        frame_b64=base64.b64encode(frame).decode("ascii"),
        boundary="-" * 24 + f"{rng.getrandbits(64):016x}",
    )
    if spec.json_body:
        upload.data_url = rng.random() < 0.3
        if rng.random() < 0.5:
            upload.timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif options.binary_dir is not None:
        upload.filesystem_id = _store_binary(spec, options.binary_dir, upload, rng)
    return upload


def _store_binary(spec: p.WorkflowSpec, root: Path, upload: p.Upload, rng: random.Random) -> str:
    """Write the frame as n8n's filesystem binary mode does (file plus `.metadata`); its id."""
    name = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    relative = f"workflows/{spec.id}/executions/temp/binary_data/{name}"
    path = root / "binaryData" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(upload.frame)
    metadata = {
        "mimeType": "image/jpeg",
        "fileName": upload.file_name,
        "fileSize": len(upload.frame),
    }
    path.with_name(name + ".metadata").write_text(json.dumps(metadata, separators=(",", ":")))
    return "filesystem-v2:" + relative


def _ollama_durations(rng: random.Random) -> dict[str, int]:
    ms = 1_000_000
    load = rng.randint(20, 150) * ms
    prompt_eval = rng.randint(1500, 3200) * ms
    eval_count = rng.randint(20, 120)
    evaluation = eval_count * rng.randint(25, 40) * ms
    return {
        "load": load,
        "prompt_eval": prompt_eval,
        "prompt_eval_count": rng.randint(1200, 1400),
        "eval": evaluation,
        "eval_count": eval_count,
        "total": load + prompt_eval + evaluation + rng.randint(5, 30) * ms,
    }


def _execute(conn: psycopg.Connection, wf: _Workflow, rng: random.Random, options: _Options) -> int:
    """One execution through n8n's three steps; its id."""
    spec = wf.spec
    response = rng.choice(p.RESPONSES)
    fails = rng.random() < options.error_rate
    durations = _ollama_durations(rng)
    upload = _upload(spec, rng, options, response.smoke)
    item = p.webhook_item(spec, upload)
    webhook_node = wf.nodes[spec.webhook]

    with conn.transaction():
        (execution_id,) = conn.execute(
            """
            INSERT INTO execution_entity
                (finished, mode, status, "workflowId", "createdAt", "startedAt")
            VALUES (false, 'webhook', 'new', %s, now(), NULL)
            RETURNING id
            """,
            (spec.id,),
        ).fetchone()
        conn.execute(
            'INSERT INTO execution_data ("executionId", "workflowData", data) '
            "VALUES (%s, %s::json, %s)",
            (execution_id, wf.workflow_data, encode(p.initial_run_data(webhook_node, item))),
        )
    for _ in range(2):
        conn.execute(
            "UPDATE execution_entity SET status = 'running', \"startedAt\" = now() WHERE id = %s",
            (execution_id,),
        )

    established = _now_ms()
    if fails:
        status, data = "error", _failed_run(wf, item, established)
    else:
        status = "success"
        data = _successful_run(wf, item, response.text, durations, established, execution_id)
    with conn.transaction():
        conn.execute(
            'UPDATE execution_entity SET mode = %s, finished = %s, "stoppedAt" = now(), '
            "status = %s WHERE id = %s",
            ("webhook", status == "success", status, execution_id),
        )
        conn.execute(
            'UPDATE execution_data SET "workflowData" = %s::json, data = %s '
            'WHERE "executionId" = %s',
            (wf.workflow_data, encode(data), execution_id),
        )
    return execution_id


def _execute_241(
    conn: psycopg.Connection, wf: _Workflow, rng: random.Random, options: _Options
) -> int:
    """One execution through n8n 2.41's three steps; its id."""
    spec = wf.spec
    response = rng.choice(p.RESPONSES)
    fails = rng.random() < options.error_rate
    durations = _ollama_durations(rng)
    upload = _upload(spec, rng, replace(options, binary_dir=None), response.smoke)
    stored = options.binary_mode != "inline" and not spec.json_body
    if stored and options.binary_mode == "database":
        # n8n commits the upload's row on its own, before the execution exists.
        upload.filesystem_id = _store_database_binary(conn, upload)
    webhook_node = wf.nodes[spec.webhook]
    on_disk = options.execution_data == "filesystem"

    with conn.transaction():
        (execution_id,) = conn.execute(
            """
            INSERT INTO execution_entity
                (finished, mode, status, "workflowId", "createdAt", "startedAt", "storedAt")
            VALUES (false, 'webhook', 'new', %s, now(), NULL, %s)
            RETURNING id
            """,
            (spec.id, "fs" if on_disk else "db"),
        ).fetchone()
        if stored and options.binary_mode == "filesystem":
            assert options.storage_dir is not None
            upload.filesystem_id = _store_file_241(
                spec, options.storage_dir, execution_id, upload, rng
            )
        item = p.webhook_item(spec, upload)
        initial = encode(p.initial_run_data(webhook_node, item))
        _write_run_241(conn, wf, execution_id, initial, options, first=True)
        _sizes_241(conn, execution_id, initial, upload, stored)
    for _ in range(2):
        conn.execute(
            "UPDATE execution_entity SET status = 'running', \"startedAt\" = now() WHERE id = %s",
            (execution_id,),
        )

    established = _now_ms()
    if fails:
        status, data = "error", _failed_run(wf, item, established)
    else:
        status = "success"
        data = _successful_run(wf, item, response.text, durations, established, execution_id)
    final = encode(data)
    with conn.transaction():
        conn.execute(
            'UPDATE execution_entity SET mode = %s, finished = %s, "stoppedAt" = now(), '
            'status = %s, "usedPrivateCredentials" = false '
            "WHERE id = %s AND status != 'canceled'",
            ("webhook", status == "success", status, execution_id),
        )
        _write_run_241(conn, wf, execution_id, final, options, first=False)
        _sizes_241(conn, execution_id, final, upload, stored)
    return execution_id


def _store_database_binary(conn: psycopg.Connection, upload: p.Upload) -> str:
    """n8n 2.x's database binary mode: a binary_data row (webhook uploads keep sourceId
    'temp'); the id the item carries."""
    file_id = uuid.uuid4()
    conn.execute(
        'INSERT INTO binary_data ("fileId", "sourceType", "sourceId", data, "mimeType", '
        "\"fileName\", \"fileSize\") VALUES (%s, 'execution', 'temp', %s, 'image/jpeg', %s, %s)",
        (file_id, upload.frame, upload.file_name, len(upload.frame)),
    )
    return f"database:{file_id}"


def _store_file_241(
    spec: p.WorkflowSpec, root: Path, execution_id: int, upload: p.Upload, rng: random.Random
) -> str:
    """n8n 2.x's filesystem binary mode: under the storage root, with the real execution id."""
    name = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    relative = f"workflows/{spec.id}/executions/{execution_id}/binary_data/{name}"
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(upload.frame)
    metadata = {
        "fileName": upload.file_name,
        "mimeType": "image/jpeg",
        "fileSize": len(upload.frame),
    }
    path.with_name(name + ".metadata").write_text(json.dumps(metadata, separators=(",", ":")))
    return "filesystem-v2:" + relative


def _write_run_241(
    conn: psycopg.Connection,
    wf: _Workflow,
    execution_id: int,
    data: str,
    options: _Options,
    *,
    first: bool,
) -> None:
    """The run where n8n 2.41 keeps it: execution_data (upserted at creation), or a bundle.json
    under the storage root, written before the transaction commits."""
    if options.execution_data == "filesystem":
        assert options.storage_dir is not None
        snapshot = json.loads(wf.workflow_data)
        bundle = {
            "data": data,
            # 2.x's trimmed snapshot.
            "workflowData": {
                **{
                    key: snapshot[key] for key in ("id", "name", "nodes", "connections", "settings")
                },
                "nodeGroups": [],
            },
            "workflowVersionId": None,
            "version": 1,
        }
        folder = (
            options.storage_dir / f"workflows/{wf.spec.id}/executions/{execution_id}/execution_data"
        )
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "bundle.json").write_text(json.dumps(bundle, separators=(",", ":")))
    elif first:
        conn.execute(
            'INSERT INTO execution_data ("executionId", "workflowData", data) '
            "VALUES (%s, %s::json, %s) "
            'ON CONFLICT ("executionId") DO UPDATE SET "workflowData" = excluded."workflowData", '
            "data = excluded.data",
            (execution_id, wf.workflow_data, data),
        )
    else:
        conn.execute(
            'UPDATE execution_data SET data = %s, "workflowData" = %s::json '
            'WHERE "executionId" = %s',
            (data, wf.workflow_data, execution_id),
        )


def _sizes_241(
    conn: psycopg.Connection, execution_id: int, data: str, upload: p.Upload, stored: bool
) -> None:
    conn.execute(
        'UPDATE execution_entity SET "jsonSizeBytes" = %s, "binaryDataSizeBytes" = %s '
        "WHERE id = %s",
        (len(data.encode()), len(upload.frame) if stored else 0, execution_id),
    )


def _same_item(item: dict[str, Any]) -> dict[str, Any]:
    """The item again, sharing its json and binary, with its own pairedItem (as n8n does)."""
    return {**item, "pairedItem": {"item": 0}}


def _successful_run(
    wf: _Workflow,
    item: dict[str, Any],
    response: str,
    durations: dict[str, int],
    established: int,
    execution_id: int,
) -> dict[str, Any]:
    spec = wf.spec
    now = datetime.now(UTC)
    answer = p.ollama_output(response, now, durations)
    run_data: dict[str, Any] = {
        spec.webhook: [p.task(established, 0, None, 0, main=[[_same_item(item)]])],
        spec.ollama: [
            p.task(
                _now_ms(), 1, spec.webhook, 0, main=[[{"json": answer, "pairedItem": {"item": 0}}]]
            )
        ],
    }
    previous, index = spec.ollama, 2
    alert = p.alerts(spec, response)
    if spec.gate is not None:
        # The IF node passes Ollama's item on: its output holds the very same json object.
        passed = [{"json": answer, "pairedItem": {"item": 0}}]
        main = [passed, []] if alert else [[], passed]
        run_data[spec.gate] = [p.task(_now_ms(), index, previous, 0, main=main)]
        previous, index = spec.gate, index + 1
    if alert:
        # Telegram numbers messages per chat in order; execution ids are in order too.
        sent = p.telegram_output(spec, response, 1000 + execution_id, now)
        run_data[spec.telegram] = [
            p.task(
                _now_ms(), index, previous, 0, main=[[{"json": sent, "pairedItem": {"item": 0}}]]
            )
        ]
        previous = spec.telegram
    return p.final_run_data(run_data, previous, established)


def _failed_run(wf: _Workflow, item: dict[str, Any], established: int) -> dict[str, Any]:
    """Ollama refused the connection: the run stops there, its node left on the stack."""
    spec = wf.spec
    # What the node's expression sent: body.image, or binary.image.data ("filesystem-v2" in
    # filesystem mode: the expression reads the field, not the file).
    image = item["json"]["body"]["image"] if spec.json_body else item["binary"]["image"]["data"]
    error = p.connection_refused(wf.nodes[spec.ollama], spec.prompt, image, _now_ms())
    failed = p.task(_now_ms(), 1, spec.webhook, 0, error=dict(error))
    stack = [
        {
            "node": copy.deepcopy(wf.nodes[spec.ollama]),
            "data": {"main": [[_same_item(item)]]},
            "source": {"main": failed["source"]},
        }
    ]
    run_data = {
        spec.webhook: [p.task(established, 0, None, 0, main=[[_same_item(item)]])],
        spec.ollama: [failed],
    }
    return p.final_run_data(run_data, spec.ollama, established, error=error, stack=stack)
