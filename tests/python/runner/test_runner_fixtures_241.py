"""End to end on the 15 real n8n 2.41.1 executions: Stage 1 (reconcile), then `sai-etl run --once`
with n8n's storage folder as SAI_N8N_STORAGE_DIR.

n8n kept them five ways (tests/fixtures/n8n-2.41/README.md): inline base64, filesystem binary
files under the storage root, `binary_data` rows (database mode), and two executions with no
execution_data row at all, whose run is a bundle.json on n8n's disk (storedAt fs). Expected
facts, sizes and sha256 prefixes are the README's; expected bytes come from n8n's own storage.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.pairs import ROOT, SAI_ETL, Pair, setup_pair
from support.runner_support import query, run_once, runner_env

FIXTURES = ROOT / "tests" / "fixtures" / "n8n-2.41"

# id -> (source, format, width, height, size, sha256 prefix) per the README.
EXPECTED: dict[int, tuple[str, str, int, int, int, str]] = {
    1: ("binary", "JPEG", 1920, 1080, 244085, "961c289c1979384e"),
    2: ("binary", "JPEG", 1920, 1080, 298219, "ec68b95f44187b06"),
    3: ("body", "JPEG", 1280, 720, 110125, "548c4c9908709472"),
    5: ("binary", "JPEG", 1280, 720, 133576, "7a73ea5f47e11a69"),
    6: ("filesystem", "JPEG", 1920, 1080, 244085, "961c289c1979384e"),
    7: ("filesystem", "JPEG", 1920, 1080, 298219, "ec68b95f44187b06"),
    8: ("body", "JPEG", 1280, 720, 110125, "548c4c9908709472"),
    9: ("database", "JPEG", 1280, 720, 110125, "548c4c9908709472"),
    10: ("database", "PNG", 640, 480, 597372, "fa5c020b4212587e"),
    11: ("database", "JPEG", 1280, 720, 133576, "7a73ea5f47e11a69"),
    12: ("filesystem", "JPEG", 1920, 1080, 244085, "961c289c1979384e"),
    13: ("body", "JPEG", 1280, 720, 133576, "7a73ea5f47e11a69"),
    14: ("binary", "JPEG", 1920, 1080, 298219, "ec68b95f44187b06"),
    15: ("binary", "JPEG", 1280, 720, 110125, "548c4c9908709472"),
}
# id -> (node_id, camera_id, risk_level, telegram_sent, telegram_message_id); risk None: Ollama
# was down (5, 11), no analysis.
README_FACTS: dict[int, tuple[str, str, str | None, bool, int | None]] = {
    1: ("NODE_001", "cam_0", "high", True, 1001),
    2: ("NODE_002", "cam_1", "none", False, None),
    3: ("NODE_004", "cam_sur", "medium", True, 1002),
    5: ("NODE_003", "cam_3", None, False, None),
    6: ("NODE_001", "cam_fs_0", "high", True, 1003),
    7: ("NODE_002", "cam_fs_1", "none", False, None),
    8: ("NODE_005", "cam_este", "medium", True, 1004),
    9: ("NODE_003", "cam_db_0", "high", True, 1005),
    10: ("NODE_001", "cam_db_1", "low", False, None),
    11: ("NODE_002", "cam_db_err", None, False, None),
    12: ("NODE_001", "cam_fsx_0", "high", True, 1006),
    13: ("NODE_006", "cam_oeste", "none", True, 1007),
    14: ("NODE_001", "cam_probe", "medium", True, 1008),
    15: ("NODE_001", "cam_probe2", "high", True, 1009),
}
ON_DISK = (12, 13)  # storedAt fs: the run is a bundle.json under the storage root


@dataclass(frozen=True)
class Processed:
    pair: Pair
    images: Path
    storage: Path
    output: str


@pytest.fixture(scope="module")
def processed(private_cluster: str, tmp_path_factory: pytest.TempPathFactory) -> Processed:
    base = tmp_path_factory.mktemp("fixtures_241")
    images, storage = base / "images", base / "storage"
    images.mkdir()
    shutil.copytree(FIXTURES / "storage", storage)
    pair = setup_pair(private_cluster, "runner_fixtures_241", fixtures=True, n8n_version="2.41")
    query(pair.dashboard_dsn, "SELECT etl_reconcile(interval '100 years')")
    output = run_once(runner_env(pair, images, SAI_N8N_STORAGE_DIR=storage))
    return Processed(pair, images, storage, output)


def test_every_watched_execution_completes_once(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT execution_id, status, attempts, last_error FROM etl_processing_queue ORDER BY 1",
    )
    assert rows == [(i, "completed", 1, None) for i in sorted(README_FACTS)], processed.output


def test_facts_land_as_the_readme_says_whatever_n8n_kept_them_in(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT e.id, e.node_id, e.camera_id, a.risk_level, n.telegram_sent, "
        "n.telegram_message_id FROM executions AS e "
        "LEFT JOIN execution_analysis AS a ON a.execution_id = e.id "
        "LEFT JOIN execution_notifications AS n ON n.execution_id = e.id ORDER BY e.id",
    )
    assert rows == [(i, *facts) for i, facts in sorted(README_FACTS.items())]


def test_images_match_the_readme_by_sha256(processed: Processed) -> None:
    rows = query(
        processed.pair.dashboard_dsn,
        "SELECT execution_id, source, format, width, height, size_bytes, sha256, original_path "
        "FROM execution_images WHERE valid ORDER BY 1",
    )
    found = {}
    for execution_id, source, fmt, width, height, size, digest, path in rows:
        stored = (processed.images / path).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == digest, execution_id
        found[execution_id] = (source, fmt, width, height, size, digest[:16])
    assert found == EXPECTED


def test_filesystem_files_are_n8ns_own_bytes(processed: Processed) -> None:
    for execution_id, relative in (
        (6, "yDbfhooKemfhMIkC/executions/6/binary_data/1437029b-d711-432f-beef-68ac8243df05"),
        (12, "yDbfhooKemfhMIkC/executions/12/binary_data/f4000e0a-eba2-4c42-bfb8-d0a15fae051d"),
    ):
        original = (processed.storage / "workflows" / relative).read_bytes()
        assert (processed.images / f"originals/000000/{execution_id}.jpg").read_bytes() == original


def test_a_missing_bundle_is_a_gone_source_with_its_reason(
    private_cluster: str, tmp_path: Path
) -> None:
    images, storage = tmp_path / "images", tmp_path / "storage"
    images.mkdir()
    shutil.copytree(FIXTURES / "storage", storage)
    bundle = storage / "workflows/saiJsonCam000001/executions/13/execution_data/bundle.json"
    bundle.unlink()
    pair = setup_pair(private_cluster, "runner_bundle_gone", fixtures=True, n8n_version="2.41")
    query(pair.dashboard_dsn, "SELECT etl_reconcile(interval '100 years')")
    # Without the storage root the bundle cannot be read at all: a retryable fault, no facts.
    run_once(runner_env(pair, images, SAI_N8N_STORAGE_DIR=tmp_path / "unmounted"))
    ((status, error, camera),) = query(
        pair.dashboard_dsn,
        "SELECT q.status, q.last_error, e.camera_id FROM etl_processing_queue AS q "
        "JOIN executions AS e ON e.id = q.execution_id WHERE q.execution_id = 12",
    )
    assert status in ("pending", "failed")  # retried, never skipped: the bundle is not gone
    assert error.startswith("reading n8n execution bundle workflows/yDbfhooKemfhMIkC/")
    assert "n8n's folder is not a directory" in error
    assert camera is None
    # With it, 12 lands and 13's pruned bundle ends skipped with the path in its reason.
    subprocess.run([SAI_ETL, "retry", "--failed"], env=pair.env(), check=True, capture_output=True)
    query(pair.dashboard_dsn, "UPDATE etl_processing_queue SET next_attempt_at = now()")
    run_once(runner_env(pair, images, SAI_N8N_STORAGE_DIR=storage))
    rows = query(
        pair.dashboard_dsn,
        "SELECT execution_id, status, last_error FROM etl_processing_queue "
        "WHERE execution_id IN (12, 13) ORDER BY 1",
    )
    assert rows == [
        (12, "completed", None),
        (
            13,
            "skipped",
            "source gone: n8n execution bundle missing: "
            "workflows/saiJsonCam000001/executions/13/execution_data/bundle.json",
        ),
    ]
    assert query(
        pair.dashboard_dsn, "SELECT camera_id FROM executions WHERE id IN (12, 13) ORDER BY id"
    ) == [("cam_fsx_0",), (None,)]
