"""A built-in n8n: plays SAI camera executions into an n8n database through n8n's own writes.

Each execution goes through the statements n8n 1.123 was seen to send (fixtures README):
1. one transaction: INSERT execution_entity (status `new`) and INSERT execution_data (the
   initial run data), committed;
2. UPDATE execution_entity to `running`, twice, each committed on its own;
3. one transaction: UPDATE execution_entity (mode, finished, stoppedAt, terminal status) and
   then UPDATE execution_data (workflowData, final run data), committed.
So a trigger on execution_entity sees the terminal status before the final data is written,
exactly as with the real n8n. Used by `make demo`, the tests and the benchmarks.

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
from dataclasses import dataclass
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
BinaryMode = Literal["inline", "filesystem"]

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
    binary_dir: Path | None  # set: filesystem binary mode
    frame_size: tuple[int, int]


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
) -> list[int]:
    """Play `count` executions (at `rate` per second, or as fast as possible); their ids.

    `conn` must be in autocommit mode: every step of n8n's sequence commits on its own.
    The same seed gives the same cameras, frames, answers and failures.
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
    if binary_mode not in ("inline", "filesystem"):
        raise ValueError(f"unknown binary_mode {binary_mode!r}")
    if binary_mode == "filesystem" and binary_dir is None:
        raise ValueError("binary_mode 'filesystem' needs binary_dir (n8n's binary data root)")
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
        binary_dir=Path(binary_dir) if binary_mode == "filesystem" and binary_dir else None,
        frame_size=frame_size,
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
        ids.append(_execute(conn, workflows[wid], rng, options))
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
