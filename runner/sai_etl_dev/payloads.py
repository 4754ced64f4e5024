"""The values n8n 1.123 stores for one run of an SAI workflow, built the way n8n builds them.

Shapes follow the real executions in tests/fixtures/n8n-1.123: the webhook item (multipart
upload with `binary.image`, or a JSON body with base64 in `body.image`), the Ollama
`/api/generate` answer, the IF node's output (the same object as Ollama's), the Telegram
`sendMessage` answer, and the NodeApiError of an Ollama that refused the connection. Objects
n8n shares between places are shared here too, so `flatted.encode` stores them once.
"""

from __future__ import annotations

import copy
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

CAMERA_WORKFLOW_ID = "yDbfhooKemfhMIkC"
JSON_WORKFLOW_ID = "saiJsonCam000001"

MODEL = "qwen2.5vl:7b"
OLLAMA_URL = "http://127.0.0.1:11434/api/generate"
TELEGRAM_CHAT_ID = -1001234567890
WEBHOOK_BASE_URL = "http://localhost:5678/webhook/"


@dataclass(frozen=True)
class WorkflowSpec:
    """What the simulator needs to know about one SAI workflow beyond its JSON."""

    id: str
    data_file: str
    version_id: str
    webhook: str
    ollama: str
    # The IF node that gates the alert (its regex, case-insensitive), or None: always alert.
    gate: str | None
    gate_pattern: str | None
    telegram: str
    prompt: str
    alert_prefix: str
    alert_chars: int
    # True: the camera posts JSON with base64 in body.image; False: multipart with a file.
    json_body: bool


WORKFLOWS: dict[str, WorkflowSpec] = {
    CAMERA_WORKFLOW_ID: WorkflowSpec(
        id=CAMERA_WORKFLOW_ID,
        data_file="workflow-sai-camera.json",
        version_id="56d533ef-616c-405e-9696-e27bd88cc730",
        webhook="Webhook",
        ollama="Ollama Analysis",
        gate="Risk Alert?",
        gate_pattern="high|alto|critical|medium",
        telegram="Telegram Alert",
        prompt=(
            "Analyze this camera image for signs of wildfire. "
            "Report risk level, confidence, smoke, flame and heat."
        ),
        alert_prefix="Alerta SAI: ",
        alert_chars=200,
        json_body=False,
    ),
    JSON_WORKFLOW_ID: WorkflowSpec(
        id=JSON_WORKFLOW_ID,
        data_file="workflow-sai-json.json",
        version_id="5eec9211-5df4-4287-a057-79d1dbeb0745",
        webhook="Webhook",
        ollama="Ollama",
        gate=None,
        gate_pattern=None,
        telegram="Telegram",
        prompt="Fire risk?",
        alert_prefix="SAI: ",
        alert_chars=100,
        json_body=True,
    ),
}


class Response(NamedTuple):
    """A vision-model answer and whether the frame it describes shows smoke."""

    text: str
    smoke: bool


# R0-R5 are the answers in the fixture executions; the rest widen the same styles
# (plain JSON, fenced JSON, English and Spanish prose, negations).
RESPONSES: tuple[Response, ...] = (
    Response(
        '{"risk_level": "high", "confidence": 0.91, "smoke_detected": true, '
        '"flame_detected": false, "heat_signature_detected": false, '
        '"description": "Dense grey smoke column rising behind the ridge."}',
        True,
    ),
    Response(
        "Risk level: none. No smoke, flames or heat signatures are visible. "
        "Clear sky over the valley. Confidence: 96%",
        False,
    ),
    Response(
        '```json\n{"risk_level": "medium", "confidence": 0.64, "smoke_detected": true, '
        '"flame_detected": false}\n```',
        True,
    ),
    Response(
        "Nivel de riesgo: ALTO. Se observa una columna de humo y llamas en la ladera norte. "
        "Confianza: 88%",
        True,
    ),
    Response(
        "The image shows morning fog in the valley; no smoke or fire is present. "
        "Risk: low. Confidence: 0.7",
        False,
    ),
    Response(
        "CRITICAL: active flames visible near the power line with heavy smoke. Confidence 0.97",
        True,
    ),
    Response(
        '{"risk_level": "none", "confidence": 0.93, "smoke_detected": false, '
        '"flame_detected": false, "heat_signature_detected": false, '
        '"description": "Clear view of the hills."}',
        False,
    ),
    Response(
        "Riesgo: bajo. No se observa humo ni llamas; cielo despejado sobre las colinas. "
        "Confianza: 90%",
        False,
    ),
    Response(
        "High risk: a thin plume of smoke is rising from the ridge on the right. "
        "No visible flames. Confidence: 0.82",
        True,
    ),
)

# (node_id, camera_id) pairs of the simulated deployment.
CAMERAS: tuple[tuple[str, str], ...] = (
    ("NODE_001", "cam_norte"),
    ("NODE_001", "cam_sur"),
    ("NODE_002", "cam_este"),
    ("NODE_002", "cam_oeste"),
    ("NODE_003", "cam_0"),
    ("NODE_003", "cam_1"),
    ("NODE_004", "cam_valle"),
    ("NODE_005", "cam_cumbre"),
)

# Parameters n8n 1.123 adds, in its order and with its defaults, when it resolves these node
# types for an execution's workflowData (seen in the fixture executions). n8n adds only those
# whose display conditions hold; for the SAI workflows' nodes that is all of them.
_PARAMETER_DEFAULTS: dict[tuple[str, float], dict[str, Any]] = {
    ("n8n-nodes-base.webhook", 2): {
        "multipleMethods": False,
        "httpMethod": "GET",
        "path": "",
        "authentication": "none",
        "responseMode": "onReceived",
        "contentTypeNotice": "",
        "options": {},
    },
    ("n8n-nodes-base.httpRequest", 4.2): {
        "preBuiltAgentsCalloutHttpRequest": "",
        "curlImport": "",
        "method": "GET",
        "url": "",
        "authentication": "none",
        "provideSslCertificates": False,
        "sendQuery": False,
        "sendHeaders": False,
        "sendBody": False,
        "contentType": "json",
        "specifyBody": "keypair",
        "jsonBody": "",
        "options": {},
        "infoMessage": "",
    },
    ("n8n-nodes-base.telegram", 1.2): {
        "preBuiltAgentsCalloutTelegram": "",
        "resource": "message",
        "operation": "sendMessage",
        "chatId": "",
        "text": "",
        "replyMarkup": "none",
        "additionalFields": {},
    },
}

_ECONNREFUSED_STACK = "\n    at ".join(
    (
        "NodeApiError: The service refused the connection - perhaps it is offline",
        "ExecuteContext.execute (n8n-nodes-base/nodes/HttpRequest/V3/HttpRequestV3.node.ts:849:16)",
        "processTicksAndRejections (node:internal/process/task_queues:95:5)",
        "WorkflowExecute.executeNode (n8n-core/src/execution-engine/workflow-execute.ts:1064:8)",
        "WorkflowExecute.runNode (n8n-core/src/execution-engine/workflow-execute.ts:1245:11)",
        "n8n-core/src/execution-engine/workflow-execute.ts:1685:27",
        "n8n-core/src/execution-engine/workflow-execute.ts:2319:11",
    )
)
_ACCEPT = (
    "application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, "
    "image/*;q=0.8, */*;q=0.7"
)


def resolve_node(node: dict[str, Any]) -> dict[str, Any]:
    """The node as n8n puts it in an execution: known parameter defaults filled in, in order."""
    defaults = _PARAMETER_DEFAULTS.get((node["type"], node["typeVersion"]))
    resolved = copy.deepcopy(node)
    if defaults is None:
        return resolved
    given = resolved["parameters"]
    parameters = {key: given.get(key, copy.deepcopy(value)) for key, value in defaults.items()}
    parameters.update((key, value) for key, value in given.items() if key not in parameters)
    resolved["parameters"] = parameters
    return resolved


def iso_ms(moment: datetime) -> str:
    """A timestamp as JavaScript's `Date.toISOString()` writes it."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def pretty_bytes(size: int) -> str:
    """`fileSize` as n8n writes it (the pretty-bytes package: SI units, 3 significant digits)."""
    units = ("B", "kB", "MB", "GB", "TB")
    exponent = min(int(math.log10(size) // 3), len(units) - 1) if size >= 1 else 0
    number = float(f"{size / 1000**exponent:.3g}")
    return f"{number:,g} {units[exponent]}"


def multipart_length(fields: dict[str, str], file_name: str, file_size: int) -> int:
    """Content-Length of curl's multipart/form-data upload of `fields` and then the file."""
    delimiter = 2 + 40  # "--" and curl's 40-character boundary
    total = 0
    for name, value in fields.items():
        head = f'Content-Disposition: form-data; name="{name}"'
        total += delimiter + 2 + len(head) + 4 + len(value.encode()) + 2
    head = (
        f'Content-Disposition: form-data; name="image"; filename="{file_name}"\r\n'
        "Content-Type: image/jpeg"
    )
    total += delimiter + 2 + len(head) + 4 + file_size + 2
    return total + delimiter + 4  # closing "--boundary--\r\n"


@dataclass
class Upload:
    """What a camera sent: its ids, the frame and how it was posted."""

    node_id: str
    camera_id: str
    file_name: str
    frame: bytes
    frame_b64: str
    boundary: str
    # JSON body only: a `data:` URL instead of bare base64, and the camera's own timestamp.
    data_url: bool = False
    timestamp: str | None = None
    # Filesystem or (n8n 2.x) database binary mode: the id n8n gives the stored frame,
    # `filesystem-v2:<path>` or `database:<uuid>`.
    filesystem_id: str | None = None


def webhook_item(spec: WorkflowSpec, upload: Upload) -> dict[str, Any]:
    """The Webhook node's output item."""
    common = {"host": "127.0.0.1:5678", "user-agent": "curl/7.88.1", "accept": "*/*"}
    ids = {"node_id": upload.node_id, "camera_id": upload.camera_id}
    url = WEBHOOK_BASE_URL + ("sai-json" if spec.json_body else "sai-camera")
    if spec.json_body:
        image = upload.frame_b64
        if upload.data_url:
            image = "data:image/jpeg;base64," + image
        body: dict[str, Any] = {"image": image, **ids}
        if upload.timestamp is not None:
            body["timestamp"] = upload.timestamp
        length = len(json.dumps(body, separators=(",", ":")).encode())
        headers = {
            **common,
            "content-type": "application/json",
            "content-length": str(length),
        }
        return {
            "json": _request_json(headers, body, url),
            "pairedItem": {"item": 0},
        }
    length = multipart_length(ids, upload.file_name, len(upload.frame))
    headers = {
        **common,
        "content-length": str(length),
        "content-type": f"multipart/form-data; boundary={upload.boundary}",
    }
    binary: dict[str, Any] = {
        "mimeType": "image/jpeg",
        "fileType": "image",
        "fileExtension": "jpg",
    }
    if upload.filesystem_id is None:
        binary["data"] = upload.frame_b64
        binary["fileName"] = upload.file_name
    else:
        # The mode's name stands in for the bytes: filesystem-v2 or database.
        binary["data"] = upload.filesystem_id.split(":", 1)[0]
        binary["fileName"] = upload.file_name
        binary["id"] = upload.filesystem_id
    binary["fileSize"] = pretty_bytes(len(upload.frame))
    return {
        "json": _request_json(headers, ids, url),
        "binary": {"image": binary},
        "pairedItem": {"item": 0},
    }


def _request_json(headers: dict[str, str], body: dict[str, Any], url: str) -> dict[str, Any]:
    return {
        "headers": headers,
        "params": {},
        "query": {},
        "body": body,
        "webhookUrl": url,
        "executionMode": "production",
    }


def ollama_output(response: str, created: datetime, durations: dict[str, int]) -> dict[str, Any]:
    """Ollama's non-streaming `/api/generate` answer (durations in nanoseconds)."""
    return {
        "model": MODEL,
        "created_at": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "response": response,
        "done": True,
        "done_reason": "stop",
        "total_duration": durations["total"],
        "load_duration": durations["load"],
        "prompt_eval_count": durations["prompt_eval_count"],
        "prompt_eval_duration": durations["prompt_eval"],
        "eval_count": durations["eval_count"],
        "eval_duration": durations["eval"],
    }


def alerts(spec: WorkflowSpec, response: str) -> bool:
    """Whether the workflow goes on to its Telegram node for this answer."""
    if spec.gate_pattern is None:
        return True
    return re.search(spec.gate_pattern, response, re.IGNORECASE) is not None


def telegram_output(
    spec: WorkflowSpec, response: str, message_id: int, sent: datetime
) -> dict[str, Any]:
    """Telegram's `sendMessage` answer for the alert text the node's expression builds."""
    return {
        "ok": True,
        "result": {
            "message_id": message_id,
            "from": {
                "id": 7000001,
                "is_bot": True,
                "first_name": "SAI",
                "username": "sai_alert_bot",
            },
            "chat": {"id": TELEGRAM_CHAT_ID, "title": "SAI Alertas", "type": "supergroup"},
            "date": int(sent.timestamp()),
            "text": spec.alert_prefix + response[: spec.alert_chars],
        },
    }


def connection_refused(node: dict[str, Any], prompt: str, image: str, at_ms: int) -> dict[str, Any]:
    """The NodeApiError n8n records when Ollama refuses the connection (fixture execution 13)."""
    refused = "connect ECONNREFUSED 127.0.0.1:11434"
    return {
        "level": "warning",
        "tags": {},
        "timestamp": at_ms,
        "context": {
            "itemIndex": 0,
            "request": {
                "body": {"model": MODEL, "prompt": prompt, "images": [image], "stream": False},
                "headers": {"accept": _ACCEPT},
                "method": "POST",
                "uri": OLLAMA_URL,
                "gzip": True,
                "rejectUnauthorized": True,
                "followRedirect": True,
                "resolveWithFullResponse": True,
                "sendCredentialsOnCrossOriginRedirect": True,
                "followAllRedirects": True,
                "timeout": 300000,
                "encoding": None,
                "json": False,
                "useStream": True,
            },
        },
        "functionality": "regular",
        "name": "NodeApiError",
        "node": copy.deepcopy(node),
        "messages": [refused, refused],
        "httpCode": "ECONNREFUSED",
        "message": "The service refused the connection - perhaps it is offline",
        "stack": _ECONNREFUSED_STACK,
    }


def task(
    start_ms: int,
    index: int,
    previous: str | None,
    elapsed_ms: int,
    main: list[list[dict[str, Any]]] | None = None,
    error: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One entry of `runData[node]`: a node's run, its output or its error."""
    entry: dict[str, Any] = {
        "startTime": start_ms,
        "executionIndex": index,
        "source": [] if previous is None else [{"previousNode": previous}],
        "hints": [],
        "executionTime": elapsed_ms,
        "executionStatus": "success" if error is None else "error",
    }
    if error is None:
        entry["data"] = {"main": main}
    else:
        entry["error"] = error
    return entry


def initial_run_data(webhook_node: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """What n8n stores when it creates the execution: the webhook's item waiting on the stack."""
    return {
        "version": 1,
        "startData": {},
        "resultData": {"runData": {}},
        "executionData": {
            "contextData": {},
            "nodeExecutionStack": [
                {"node": webhook_node, "data": {"main": [[item]]}, "source": None}
            ],
            "metadata": {},
            "waitingExecution": {},
            "waitingExecutionSource": {},
        },
    }


def final_run_data(
    run_data: dict[str, Any],
    last_node: str,
    established_ms: int,
    error: dict[str, Any] | None = None,
    stack: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """What n8n stores when the execution ends; a failed one has `error` and its node on `stack`."""
    result: dict[str, Any] = {}
    if error is not None:
        result["error"] = error
    result["runData"] = run_data
    result["lastNodeExecuted"] = last_node
    return {
        "version": 1,
        "startData": {},
        "resultData": result,
        "executionData": {
            "contextData": {},
            "nodeExecutionStack": stack or [],
            "metadata": {},
            "waitingExecution": {},
            "waitingExecutionSource": {},
            "runtimeData": {"version": 1, "establishedAt": established_ms, "source": "webhook"},
        },
    }
