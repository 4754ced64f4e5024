"""Bad images and hostile identifiers through the whole Stage 2 path: n8n's rows, the Stage 1
trigger, etl_claim's extraction and a real `sai-etl run --once` process writing files.

Each case is a simulated SAI execution edited the way a broken or hostile camera (or n8n) would
leave it: the frame, its claimed mimeType and fileName, the camera and node ids, n8n's binary
data id. Every item must end completed (a NUL in an id loses that id only), the image
recorded valid or invalid with its reason; the ids stored as sent; every file the runner wrote
inside the image root, under a name made of the execution id alone, with mode 0640 in 0750
folders whatever the runner's umask.
"""

from __future__ import annotations

import base64
import io
import os
import re
import stat
import struct
import subprocess
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PIL import Image

from sai_etl_dev import flatted
from sai_etl_dev.payloads import CAMERA_WORKFLOW_ID, JSON_WORKFLOW_ID, WORKFLOWS
from sai_etl_dev.simulate import simulate
from support import n8n_writes, pairs

Edit = Callable[[dict[str, Any]], None]


def _encode(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def _png(width: int, height: int, idat: bytes, bit_depth: int = 8, colour: int = 2) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def _bomb() -> bytes:
    """A real 10,000 x 10,000 PNG (1-bit grey, all black): 100 megapixels in about 12 KB."""
    row = b"\x00" + bytes(10_000 // 8)
    return _png(10_000, 10_000, zlib.compress(row * 10_000, 9), bit_depth=1, colour=0)


JPEG = _encode(Image.effect_noise((64, 48), 40).convert("RGB"), "JPEG", quality=85)
GIF_FRAMES = [Image.new("P", (16, 16), colour) for colour in (1, 2, 3)]
ANIMATED_GIF = _encode(
    GIF_FRAMES[0], "GIF", save_all=True, append_images=GIF_FRAMES[1:], duration=100
)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(256)
B64 = base64.b64encode(JPEG).decode()


@dataclass(frozen=True)
class Expect:
    """How the execution's image row must end (its queue item always ends completed)."""

    valid: bool
    reason: str | None = None  # prefix of invalid_reason
    format: str | None = None
    size: tuple[int, int] | None = None
    claimed_mime_type: str | None = None
    file_name: str | None = None


def _body(key: str, value: Any) -> Edit:
    def edit(item: dict[str, Any]) -> None:
        item["json"]["body"][key] = value

    return edit


def _binary(**entry: Any) -> Edit:
    def edit(item: dict[str, Any]) -> None:
        item["binary"]["image"].update(entry)

    return edit


def _ids(node_id: Any, camera_id: Any) -> Edit:
    def edit(item: dict[str, Any]) -> None:
        target = item["json"]["body"]
        target["node_id"], target["camera_id"] = node_id, camera_id

    return edit


# A value that would forge a log line (and colour a terminal) if the runner printed it raw.
FORGED = "frame.jpg\nERROR forged \x1b[31mline\r\n"
WRAPPED = "\r\n".join(B64[i : i + 76] for i in range(0, len(B64), 76))
HOSTILE_IDS = [
    "../../etc/passwd",
    "'; DROP TABLE executions; --",
    'x"); DELETE FROM etl_processing_queue; --',
    "\\..\\..\\windows\\system32",
    "\u202eevil\u200b \U0001f525 ñ 火",
    "n" * 10_000,
]

# name: (workflow, edit of the webhook item, expected end)
CASES: dict[str, tuple[str, Edit, Expect]] = {
    "valid JPEG (control)": (
        JSON_WORKFLOW_ID,
        _body("image", B64),
        Expect(True, format="JPEG", size=(64, 48)),
    ),
    "truncated JPEG": (
        JSON_WORKFLOW_ID,
        _body("image", base64.b64encode(JPEG[: len(JPEG) // 2]).decode()),
        Expect(False, reason="corrupt JPEG"),
    ),
    "wrong mimeType (binary)": (
        CAMERA_WORKFLOW_ID,
        _binary(data=B64, mimeType="image/png"),
        Expect(True, format="JPEG", claimed_mime_type="image/png"),
    ),
    "wrong mimeType (data URL)": (
        JSON_WORKFLOW_ID,
        _body("image", "data:image/gif;base64," + B64),
        Expect(True, format="JPEG", claimed_mime_type="image/gif"),
    ),
    "decompression bomb PNG": (
        JSON_WORKFLOW_ID,
        _body("image", base64.b64encode(_bomb()).decode()),
        Expect(False, reason="too many pixels: 10000x10000 > 40000000"),
    ),
    "1x1": (
        JSON_WORKFLOW_ID,
        _body("image", base64.b64encode(_encode(Image.new("RGB", (1, 1), "red"), "PNG")).decode()),
        Expect(True, format="PNG", size=(1, 1)),
    ),
    "20,000 x 20,000 header": (
        JSON_WORKFLOW_ID,
        _body("image", base64.b64encode(_png(20_000, 20_000, zlib.compress(b""))).decode()),
        Expect(False, reason="too many pixels"),
    ),
    "animated GIF": (
        JSON_WORKFLOW_ID,
        _body("image", base64.b64encode(ANIMATED_GIF).decode()),
        Expect(True, format="GIF", size=(16, 16)),
    ),
    "HEIC bytes": (
        CAMERA_WORKFLOW_ID,
        _binary(data=base64.b64encode(HEIC).decode(), mimeType="image/heic", fileName="frame.heic"),
        Expect(
            False,
            reason="unsupported format",
            claimed_mime_type="image/heic",
            file_name="frame.heic",
        ),
    ),
    "empty string (body)": (
        JSON_WORKFLOW_ID,
        _body("image", ""),
        Expect(False, reason="empty payload"),
    ),
    "empty string (binary)": (
        CAMERA_WORKFLOW_ID,
        _binary(data=""),
        Expect(False, reason="empty payload"),
    ),
    "base64 with whitespace": (
        JSON_WORKFLOW_ID,
        _body("image", " " + WRAPPED.replace("\r\n", "\r\n \t") + "\n"),
        Expect(True, format="JPEG"),
    ),
    "base64 without padding": (
        CAMERA_WORKFLOW_ID,
        _binary(data=B64.rstrip("=")),
        Expect(True, format="JPEG"),
    ),
    "not base64": (
        JSON_WORKFLOW_ID,
        _body("image", "!!! not an image !!!"),
        Expect(False, reason="not base64"),
    ),
    "fileName ../../etc/passwd": (
        CAMERA_WORKFLOW_ID,
        _binary(data=B64, fileName="../../../../etc/passwd"),
        Expect(True, format="JPEG", file_name="../../../../etc/passwd"),
    ),
    "binary data id ../../etc/passwd": (
        CAMERA_WORKFLOW_ID,
        _binary(data="filesystem-v2", id="filesystem-v2:../../../../../etc/passwd"),
        Expect(False, reason="binary-data path outside the root"),
    ),
    "fileName with a forged log line": (
        CAMERA_WORKFLOW_ID,
        _binary(data=B64, fileName=FORGED),
        Expect(True, format="JPEG", file_name=FORGED),
    ),
    "binary data id with a forged log line": (
        CAMERA_WORKFLOW_ID,
        _binary(data="filesystem-v2", id="filesystem-v2:../x" + FORGED),
        Expect(False, reason="binary-data path outside the root"),
    ),
    "binary data id /etc/passwd": (
        CAMERA_WORKFLOW_ID,
        _binary(data="filesystem-v2", id="filesystem-v2:/etc/passwd"),
        Expect(False, reason="binary-data path outside the root"),
    ),
    **{
        f"hostile ids {i}": (
            JSON_WORKFLOW_ID,
            _ids(value, value[::-1]),
            Expect(True, format="JPEG"),
        )
        for i, value in enumerate(HOSTILE_IDS)
    },
    "\\u0000 in the camera id": (
        JSON_WORKFLOW_ID,
        _ids("node", "cam\x00era"),
        Expect(True, format="JPEG"),
    ),
}


def _webhook_item(data: dict[str, Any], workflow_id: str) -> dict[str, Any]:
    webhook = WORKFLOWS[workflow_id].webhook
    return data["resultData"]["runData"][webhook][0]["data"]["main"][0][0]


@dataclass(frozen=True)
class Outcome:
    execution_id: int
    queue: tuple[str, str | None]
    ids: tuple[str | None, str | None, int | None]  # node_id, camera_id, retry_of
    image: dict[str, Any] | None


@dataclass
class Run:
    root: Path
    images: Path
    outcomes: dict[str, Outcome]
    sent_ids: dict[str, tuple[Any, Any]]
    tables: list[str]
    images_by_id: dict[int, dict[str, Any]]  # every execution_images row, the bases' too
    log: str  # the runner's stdout


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("stage2")
    images, n8n_dir = root / "images", root / "n8n"
    (n8n_dir / "binaryData").mkdir(parents=True)
    images.mkdir()
    os.chmod(images, 0o755)  # the root is the operator's; only what is below it is the runner's
    pair = pairs.new_pair("badimg")
    try:
        with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
            bases = {}
            for workflow, kind in ((JSON_WORKFLOW_ID, "json"), (CAMERA_WORKFLOW_ID, "camera")):
                (base_id,) = simulate(
                    n8n, 1, seed=3, workflow=kind, error_rate=0, frame_size=(32, 18)
                )
                bases[workflow] = n8n.execute(
                    'SELECT "workflowData"::text, data FROM execution_data '
                    'WHERE "executionId" = %s',
                    [base_id],
                ).fetchone()
            numbers = {name: 3_000_001 + i for i, name in enumerate(CASES)}
            sent_ids = {}
            with n8n.transaction():
                for name, (workflow, edit, _) in CASES.items():
                    workflow_data, data = bases[workflow]
                    decoded = flatted.decode(data)
                    item = _webhook_item(decoded, workflow)
                    edit(item)
                    body = item["json"].get("body", {})
                    sent_ids[name] = (body.get("node_id"), body.get("camera_id"))
                    # Stage 1 carries n8n's own texts too: a hostile retryOf goes the same way.
                    retry_of = body.get("node_id") if name.startswith("hostile ids") else None
                    n8n.execute(
                        'INSERT INTO execution_entity (id, finished, mode, status, "workflowId", '
                        '"retryOf", "createdAt", "startedAt", "stoppedAt") '
                        "VALUES (%s, true, 'webhook', 'success', %s, %s, now(), now(), now())",
                        [numbers[name], workflow, retry_of],
                    )
                    n8n.execute(
                        'INSERT INTO execution_data ("executionId", "workflowData", data) '
                        "VALUES (%s, %s::json, %s)",
                        [numbers[name], workflow_data, flatted.encode(decoded)],
                    )
            assert n8n_writes.settle(n8n) is None
        env = {
            **pair.env(),
            "SAI_IMAGE_DIR": str(images),
            "SAI_N8N_BINARY_DIR": str(n8n_dir),
            "SAI_SWEEP_SECONDS": "3600",
        }
        done = subprocess.run(
            [pairs.SAI_ETL, "run", "--once", "--once-wait=0"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0),  # the most permissive umask: modes must not follow it
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        with psycopg.connect(pair.dashboard_dsn, autocommit=True) as dash:
            outcomes = {}
            for name, execution_id in numbers.items():
                queue = dash.execute(
                    "SELECT status, last_error FROM etl_processing_queue WHERE execution_id = %s",
                    [execution_id],
                ).fetchone()
                ids = dash.execute(
                    "SELECT node_id, camera_id, retry_of FROM executions WHERE id = %s",
                    [execution_id],
                ).fetchone()
                (image,) = dash.execute(
                    "SELECT to_jsonb(i) FROM execution_images AS i WHERE execution_id = %s",
                    [execution_id],
                ).fetchone() or (None,)
                outcomes[name] = Outcome(execution_id, queue, ids, image)
            images_by_id = dict(
                dash.execute("SELECT execution_id, to_jsonb(i) FROM execution_images AS i")
            )
            tables = [
                t
                for (t,) in dash.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
        yield Run(root, images, outcomes, sent_ids, tables, images_by_id, done.stdout)
    finally:
        pair.drop()


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_ends_as_expected(run: Run, name: str) -> None:
    expect = CASES[name][2]
    outcome = run.outcomes[name]
    status, last_error = outcome.queue
    assert status == "completed", last_error
    image = outcome.image
    assert image is not None
    assert image["valid"] is expect.valid
    if expect.valid:
        assert image["invalid_reason"] is None
        assert image["format"] == expect.format
        if expect.size:
            assert (image["width"], image["height"]) == expect.size
    else:
        assert image["invalid_reason"].startswith(expect.reason), image["invalid_reason"]
        assert image["original_path"] is None and image["thumbnail_path"] is None
    for key in ("claimed_mime_type", "file_name"):
        if getattr(expect, key) is not None:
            assert image[key] == getattr(expect, key)


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("hostile ids")])
def test_hostile_ids_are_stored_verbatim(run: Run, name: str) -> None:
    node_id, camera_id = run.sent_ids[name]
    # retryOf names an execution: a text that is no execution id is not one (NULL).
    retry_of = (
        int(node_id)
        if isinstance(node_id, str) and node_id.isascii() and node_id.isdigit()
        else None
    )
    assert run.outcomes[name].ids == (node_id, camera_id, retry_of)


def test_nul_in_the_camera_id_loses_only_the_camera_id(run: Run) -> None:
    # jsonb cannot hold the NUL: the camera id is not known; the node id and the image land.
    assert run.outcomes["\\u0000 in the camera id"].ids == ("node", None, None)


def test_nothing_is_injected(run: Run) -> None:
    assert {"executions", "etl_processing_queue", "execution_images"} <= set(run.tables)
    assert all(o.queue is not None for o in run.outcomes.values())


def test_files_stay_in_the_image_root_named_by_execution_id(run: Run) -> None:
    written = sorted(p for p in run.root.rglob("*") if p.is_file())
    assert written, "the valid images were written"
    for path in written:
        relative = path.relative_to(run.images)  # raises for a file outside the image root
        match = re.fullmatch(
            r"(originals|thumbnails)/(\d{6})/(\d+)\.(jpg|png|gif|webp)", str(relative)
        )
        assert match, relative
        execution_id = int(match[3])
        assert int(match[2]) == execution_id // 1000
        image = run.images_by_id[execution_id]
        assert image["valid"]
        assert str(relative) in (image["original_path"], image["thumbnail_path"])


def test_modes_are_restrictive_whatever_the_umask(run: Run) -> None:
    for path in run.images.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o750 if path.is_dir() else 0o640), (path, oct(mode))


def test_no_value_forges_a_log_line(run: Run) -> None:
    lines = run.log.splitlines()
    assert any(line.startswith("completed") for line in lines), run.log
    assert not [
        line for line in lines if "forged" in line and not line.startswith(("completed", "WARNING"))
    ]
    assert "\x1b" not in run.log
