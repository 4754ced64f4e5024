"""The live suite's parts: real n8n processes (1.123.81, 2.41.1) on the suite's private cluster,
loopback stand-ins for Ollama and Telegram that answer in the real APIs' formats, camera frames.

Everything listens on 127.0.0.1 only. n8n comes from scripts/live-install's cache.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "n8n-2.41"
CAMERA, JSON_CAMERA, ECHO = "yDbfhooKemfhMIkC", "saiJsonCam000001", "otherWorkflow001"
TERMINAL = ("success", "error", "crashed", "canceled")
# What the stand-in model answers (the fixtures' R0 and R4): the camera workflow's IF node sends
# Telegram on the first, the JSON workflow always sends it.
CAMERA_RESPONSE = (
    '{"risk_level": "high", "confidence": 0.91, "smoke_detected": true, "flame_detected": false, '
    '"heat_signature_detected": false, "description": "Dense grey smoke column."}'
)
JSON_RESPONSE = (
    "The image shows morning fog in the valley; no smoke or fire is present. Risk: low. "
    "Confidence: 0.7"
)
STARTUP_SECONDS = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def frame(seed: int, size: tuple[int, int] = (640, 360)) -> bytes:
    """A JPEG camera frame, different for every seed."""
    image = Image.new("RGB", size, ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256))
    for x in range(0, size[0], 16):
        image.putpixel((x, seed % size[1]), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


@dataclass
class StandIns:
    """Ollama (/api/generate) and Telegram (/bot<token>/sendMessage) on one loopback port."""

    port: int = field(default_factory=free_port)
    ollama_down: bool = False
    delay_seconds: float = 0.0
    message_ids: list[int] = field(default_factory=list)
    generate_calls: int = 0
    _server: ThreadingHTTPServer | None = None

    def start(self) -> StandIns:
        stand_ins = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == "/api/generate":
                    stand_ins.generate_calls += 1
                    time.sleep(stand_ins.delay_seconds)
                    if stand_ins.ollama_down:
                        self._reply(500, {"error": "model unavailable"})
                        return
                    prompt = json.loads(body or b"{}").get("prompt", "")
                    answer = CAMERA_RESPONSE if "camera image" in prompt else JSON_RESPONSE
                    self._reply(
                        200,
                        {
                            "model": "qwen2.5vl:7b",
                            "created_at": "2026-12-05T10:00:00.000000Z",
                            "response": answer,
                            "done": True,
                            "done_reason": "stop",
                            "total_duration": 4123000000,
                            "eval_count": 57,
                        },
                    )
                elif self.path.endswith("/sendMessage"):
                    message_id = 5000 + len(stand_ins.message_ids)
                    stand_ins.message_ids.append(message_id)
                    chat = json.loads(body or b"{}").get("chat_id")
                    self._reply(
                        200,
                        {
                            "ok": True,
                            "result": {
                                "message_id": message_id,
                                "chat": {"id": int(chat or 0), "type": "supergroup"},
                                "date": int(time.time()),
                                "text": "alert",
                            },
                        },
                    )
                else:
                    self._reply(404, {"error": "not found"})

            def _reply(self, status: int, doc: dict[str, Any]) -> None:
                data = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                # n8n killed mid-request (the takeover scenario) has no one left to read it.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def workflows(stand_ins: StandIns) -> list[dict[str, Any]]:
    """The fixtures' three workflows, as both n8n lines import them, pointed at the stand-in."""
    exported = json.loads((FIXTURES / "workflows.json").read_text())
    out = []
    for workflow in exported:
        nodes = json.loads(
            json.dumps(workflow["nodes"]).replace(
                "http://127.0.0.1:11434", f"http://127.0.0.1:{stand_ins.port}"
            )
        )
        out.append(
            {
                "id": workflow["id"],
                "name": workflow["name"],
                "active": False,
                "nodes": nodes,
                "connections": workflow["connections"],
                "settings": workflow["settings"],
                "versionId": str(uuid.uuid4()),
            }
        )
    return out


def credentials(stand_ins: StandIns) -> list[dict[str, Any]]:
    return [
        {
            "id": "tgcred00000001",
            "name": "SAI Telegram",
            "type": "telegramApi",
            "data": {
                "accessToken": "123456:live-suite-token",
                "baseUrl": f"http://127.0.0.1:{stand_ins.port}",
            },
        }
    ]


@dataclass
class N8n:
    """One n8n release, run against a database of the suite's cluster."""

    version: str  # 1.123.81 or 2.41.1
    cache: Path
    home: Path  # N8N_USER_FOLDER: n8n keeps ~/.n8n (storage, binaryData, config) in it
    socket_dir: str
    database: str
    port: int = field(default_factory=free_port)
    broker_port: int = field(default_factory=free_port)  # n8n's task-runner broker
    settings: dict[str, str] = field(default_factory=dict)
    log: Path | None = None
    _process: subprocess.Popen[bytes] | None = None

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    @property
    def storage_dir(self) -> Path:
        return self.home / ".n8n" / "storage"

    @property
    def n8n_dir(self) -> Path:
        return self.home / ".n8n"

    def env(self) -> dict[str, str]:
        path = os.environ["PATH"]
        if self.major >= 2:
            path = f"{self.cache / 'node-24.22.3' / 'bin'}:{path}"
        env = {
            "PATH": path,
            "HOME": str(self.home),
            "DB_TYPE": "postgresdb",
            "DB_POSTGRESDB_HOST": self.socket_dir,
            "DB_POSTGRESDB_PORT": "5432",
            "DB_POSTGRESDB_DATABASE": self.database,
            "DB_POSTGRESDB_USER": "postgres",
            "N8N_USER_FOLDER": str(self.home),
            "N8N_PORT": str(self.port),
            "N8N_LISTEN_ADDRESS": "127.0.0.1",
            "N8N_HOST": "127.0.0.1",
            "N8N_RUNNERS_BROKER_LISTEN_ADDRESS": "127.0.0.1",
            "N8N_RUNNERS_BROKER_PORT": str(self.broker_port),
            "N8N_DIAGNOSTICS_ENABLED": "false",
            "N8N_VERSION_NOTIFICATIONS_ENABLED": "false",
            "N8N_TEMPLATES_ENABLED": "false",
            "N8N_PERSONALIZATION_ENABLED": "false",
            "N8N_ENCRYPTION_KEY": "sai-etl-live-suite-key",
            "EXECUTIONS_DATA_SAVE_ON_SUCCESS": "all",
            "EXECUTIONS_DATA_SAVE_ON_ERROR": "all",
            "N8N_LOG_LEVEL": "warn",
            **self.settings,
        }
        if self.major == 1:
            # 1.123's default expression engine runs in isolated-vm, a native module that the
            # install's --ignore-scripts leaves unbuilt; its legacy engine needs none.
            env["N8N_EXPRESSION_ENGINE"] = "legacy"
        return env

    def command(self) -> list[str]:
        return [str(self.cache / f"n8n-{self.version}" / "node_modules" / ".bin" / "n8n")]

    def cli(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [*self.command(), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"n8n {self.version} {' '.join(args)}: {done.stdout}{done.stderr}")
        return done.stdout

    def install_workflows(self, stand_ins: StandIns, folder: Path) -> None:
        """Credentials (this runs n8n's migrations first), workflows, activation."""
        creds, flows = folder / "credentials.json", folder / "workflows.json"
        creds.write_text(json.dumps(credentials(stand_ins)))
        flows.write_text(json.dumps(workflows(stand_ins)))
        self.cli("import:credentials", f"--input={creds}")
        self.cli("import:workflow", f"--input={flows}")
        self.activate_workflows()

    def activate_workflows(self) -> None:
        """2.x serves a workflow's published version (`publish:workflow`); 1.x an active one."""
        for workflow_id in (CAMERA, JSON_CAMERA, ECHO):
            if self.major >= 2:
                self.cli("publish:workflow", f"--id={workflow_id}")
            else:
                self.cli("update:workflow", f"--id={workflow_id}", "--active=true")

    def start(self) -> None:
        assert self.log is not None
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [*self.command(), "start"],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"n8n {self.version} exited {self._process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                    pass
                if self._webhook_ready():
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(1)
        raise TimeoutError(f"n8n {self.version} did not start within {STARTUP_SECONDS} s")

    def _webhook_ready(self) -> bool:
        try:
            self.post_json("echo", {"ping": True})
        except urllib.error.HTTPError as exc:
            return exc.code != 404
        return True

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def kill(self) -> None:
        """kill -9: the process dies with whatever it was running."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def post_json(self, path: str, doc: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/webhook/{path}",
            data=json.dumps(doc).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    def post_frame(self, data: bytes, node_id: str, camera_id: str) -> None:
        """multipart/form-data, the camera workflow's way: the frame in field `image`."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in (("node_id", node_id), ("camera_id", camera_id)):
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
            f'filename="{camera_id}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/webhook/sai-camera",
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    def post_json_frame(self, data: bytes, node_id: str, camera_id: str) -> None:
        """The JSON camera's way: base64 in body.image."""
        self.post_json(
            "sai-json",
            {"node_id": node_id, "camera_id": camera_id, "image": base64.b64encode(data).decode()},
        )


@dataclass(frozen=True)
class Posted:
    """A frame a camera sent, and what the dashboard must end up with for it."""

    camera_id: str
    node_id: str
    workflow_id: str
    sha256: str
    ollama_down: bool


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
