"""End to end on the 18 real n8n 1.123 executions: Stage 1 (reconcile), then `sai-etl run --once`.

Expected image facts come from the fixture README; expected bytes from what n8n stored (the
base64 in execution_data, decoded here independently, or the files under binaryData/).
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PIL import Image

from sai_etl_dev.flatted import decode
from support.pairs import FIXTURES
from support.runner_support import Pair, query, run_once, runner_env, setup_pair

# id -> (source, format, width, height) per the fixture README; None: no image was sent.
EXPECTED: dict[int, tuple[str, str, int, int] | None] = {
    1: ("binary", "JPEG", 1920, 1080),
    2: ("binary", "JPEG", 1920, 1080),
    3: ("binary", "JPEG", 1920, 1080),
    4: ("binary", "JPEG", 1280, 720),
    5: ("binary", "JPEG", 1280, 720),
    6: ("binary", "JPEG", 1920, 1080),
    7: ("binary", "PNG", 640, 480),
    8: ("body", "JPEG", 1280, 720),
    9: ("body", "JPEG", 1280, 720),
    11: None,
    13: ("binary", "JPEG", 1280, 720),
    14: ("binary", "JPEG", 1280, 720),
    15: ("filesystem", "JPEG", 1920, 1080),
    16: ("filesystem", "JPEG", 1920, 1080),
    17: ("binary", "JPEG", 1920, 1080),
    18: ("binary", "JPEG", 1920, 1080),
}
# id -> (node_id, camera_id, risk_level, telegram_sent, telegram_message_id) per the README;
# risk_level None: the model never answered (11: the node failed on its expression; 13: Ollama
# was down), so there is no analysis.
README_FACTS: dict[int, tuple[str, str, str | None, bool, int | None]] = {
    1: ("NODE_001", "cam_norte", "none", False, None),
    2: ("NODE_001", "cam_0", "medium", True, 1001),
    3: ("NODE_002", "cam_1", "high", True, 1002),
    4: ("NODE_003", "cam_2", "low", False, None),
    5: ("NODE_001", "cam_3", "critical", True, 1003),
    6: ("NODE_002", "cam_4", "high", True, 1004),
    7: ("NODE_003", "cam_5", "none", False, None),
    8: ("NODE_004", "cam_sur", "medium", True, 1005),
    9: ("NODE_005", "cam_este", "high", True, 1006),
    10: ("NODE_006", "cam_oeste", "low", True, 1007),
    11: ("NODE_001", "cam_x", None, False, None),
    13: ("NODE_002", "cam_2", None, False, None),
    14: ("NODE_003", "cam_3", "high", True, 1008),
    15: ("NODE_001", "cam_fs_0", "none", False, None),
    16: ("NODE_002", "cam_fs_1", "medium", True, 1009),
    17: ("NODE_001", "cam_fs_0", "high", True, 1010),
    18: ("NODE_002", "cam_fs_1", "low", False, None),
}
INVALID = 10  # body.image is base64 of random bytes
WATCHED = sorted([*EXPECTED, INVALID])  # every SAI execution; 12 is the unrelated echo workflow


@dataclass(frozen=True)
class Processed:
    pair: Pair
    images: Path
    n8n_root: Path  # SAI_N8N_BINARY_DIR: holds binaryData/
    output: str


def _original_bytes(pair: Pair, n8n_root: Path) -> dict[int, bytes]:
    """What n8n received for each execution with an image, straight from n8n's storage."""
    found: dict[int, bytes] = {}
    with psycopg.connect(pair.n8n_dsn) as conn:
        rows = conn.execute(
            'SELECT "executionId", "workflowData", data FROM execution_data'
        ).fetchall()
    for execution_id, workflow, data in rows:
        hook = next(n["name"] for n in workflow["nodes"] if n["type"] == "n8n-nodes-base.webhook")
        item: dict[str, Any] = decode(data)["resultData"]["runData"][hook][0]["data"]["main"][0][0]
        image = item.get("binary", {}).get("image")
        if image and image["data"] == "filesystem-v2":
            relative = image["id"].removeprefix("filesystem-v2:")
            found[execution_id] = (n8n_root / "binaryData" / relative).read_bytes()
        elif image:
            found[execution_id] = base64.b64decode(image["data"])
        elif "image" in item["json"].get("body", {}):
            text = item["json"]["body"]["image"]
            found[execution_id] = base64.b64decode(text.split(",", 1)[-1])
    return found


@pytest.fixture(scope="module")
def processed(private_cluster: str, tmp_path_factory: pytest.TempPathFactory) -> Processed:
    base = tmp_path_factory.mktemp("fixtures_e2e")
    images, n8n_root = base / "images", base / "n8n"
    images.mkdir()
    shutil.copytree(FIXTURES / "binaryData", n8n_root / "binaryData")
    pair = setup_pair(private_cluster, "runner_fixtures", fixtures=True)
    # The fixtures were loaded before the trigger existed: Stage 1 finds them by reconciling.
    query(pair.dashboard_dsn, "SELECT etl_reconcile(interval '100 years')")
    output = run_once(runner_env(pair, images, SAI_N8N_BINARY_DIR=n8n_root))
    return Processed(pair, images, n8n_root, output)


def test_every_watched_execution_completes(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT execution_id, status, attempts, last_error FROM etl_processing_queue ORDER BY 1",
    )
    assert rows == [(i, "completed", 1, None) for i in WATCHED], processed.output
    assert processed.output.count("\ncompleted ") == len(WATCHED)


def test_the_rest_of_stage2_lands_as_the_readme_says(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT e.id, e.node_id, e.camera_id, a.risk_level, n.telegram_sent, "
        "n.telegram_message_id FROM executions AS e "
        "LEFT JOIN execution_analysis AS a ON a.execution_id = e.id "
        "LEFT JOIN execution_notifications AS n ON n.execution_id = e.id ORDER BY e.id",
    )
    assert rows == [(i, *facts) for i, facts in sorted(README_FACTS.items())]


def test_images_are_recorded_as_the_readme_says(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT execution_id, source, format, width, height FROM execution_images "
        "WHERE valid ORDER BY 1",
    )
    assert rows == [(i, *facts) for i, facts in sorted(EXPECTED.items()) if facts is not None]


def test_originals_match_what_n8n_received_byte_for_byte(processed: Processed) -> None:
    originals = _original_bytes(processed.pair, processed.n8n_root)
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT execution_id, sha256, size_bytes, original_path FROM execution_images WHERE valid",
    )
    assert len(rows) == 15
    for execution_id, digest, size, path in rows:
        expected = originals[execution_id]
        stored = (processed.images / path).read_bytes()
        assert stored == expected, execution_id
        assert (digest, size) == (hashlib.sha256(expected).hexdigest(), len(expected))
    # 15 and 16 came from the binaryData tree (n8n's filesystem mode)
    assert originals[15] == (processed.images / "originals/000000/15.jpg").read_bytes()


def test_thumbnails_decode_within_bounds(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT thumbnail_path, width, height, display_path FROM execution_images WHERE valid",
    )
    for path, width, height, display in rows:
        with Image.open(io.BytesIO((processed.images / path).read_bytes())) as thumb:
            assert thumb.format == "WEBP"
            thumb.load()
            assert max(thumb.size) == min(320, max(width, height))
        assert display is None  # SAI_DISPLAY_SIZE is not set


def test_invalid_image_is_recorded_and_the_execution_still_completes(
    processed: Processed,
) -> None:
    ((valid, reason, size, original, status),) = query(
        processed.pair.dashboard_dsn,
        "SELECT i.valid, i.invalid_reason, i.size_bytes, i.original_path, q.status "
        "FROM execution_images AS i JOIN etl_processing_queue AS q USING (execution_id) "
        "WHERE execution_id = %s",
        [INVALID],
    )
    assert (valid, reason, size, original, status) == (
        False,
        "unsupported format",
        3000,
        None,
        "completed",
    )
    assert query(
        processed.pair.dashboard_dsn,
        "SELECT count(*) FROM execution_analysis WHERE execution_id = %s",
        [INVALID],
    ) == [(1,)]


def test_no_image_means_no_row_and_files_only_for_valid_images(processed: Processed) -> None:
    assert query(
        processed.pair.dashboard_dsn,
        "SELECT count(*) FROM execution_images WHERE execution_id = 11",
    ) == [(0,)]
    files = sorted(str(p.relative_to(processed.images)) for p in processed.images.rglob("*.*"))
    expected = sorted(
        [f"originals/000000/{i}.{'png' if i == 7 else 'jpg'}" for i, f in EXPECTED.items() if f]
        + [f"thumbnails/000000/{i}.webp" for i, f in EXPECTED.items() if f]
    )
    assert files == expected
