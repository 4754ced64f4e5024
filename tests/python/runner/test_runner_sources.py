"""n8n's filesystem binary data (fixture executions 15 and 16): a pruned file skips the item, an
unmounted or unconfigured binary data root retries it; `sai-etl retry` brings it back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from support.pairs import FIXTURES, SAI_ETL, setup_pair
from support.runner_support import query, run_once, runner_env

FILE_16 = "binaryData/workflows/yDbfhooKemfhMIkC/executions/temp/binary_data/" + (
    "1aa6c20a-54c8-4a86-810f-64b48eda43ab"
)


def _item(dsn: str, execution_id: int) -> tuple[str, int, str | None]:
    ((status, attempts, error),) = query(
        dsn,
        "SELECT status, attempts, last_error FROM etl_processing_queue WHERE execution_id = %s",
        [execution_id],
    )
    return status, attempts, error


def _due_now(dsn: str) -> None:
    """Skip the retry backoff (its jitter is not under test here)."""
    query(dsn, "UPDATE etl_processing_queue SET next_attempt_at = now() WHERE status = 'pending'")


def test_filesystem_sources(private_cluster: str, tmp_path: Path) -> None:
    images, n8n_root = tmp_path / "images", tmp_path / "n8n"
    images.mkdir()
    shutil.copytree(FIXTURES / "binaryData", n8n_root / "binaryData")
    pair = setup_pair(private_cluster, "runner_sources", fixtures=True)
    dsn = pair.dashboard_dsn
    query(dsn, "SELECT etl_reconcile(interval '100 years')")

    # n8n pruned 16's file: the source is gone, the item ends skipped (not retried forever).
    kept = (n8n_root / FILE_16).read_bytes()
    (n8n_root / FILE_16).unlink()
    out = run_once(runner_env(pair, images, SAI_N8N_BINARY_DIR=n8n_root))
    assert _item(dsn, 15)[0] == "completed"
    status, _, error = _item(dsn, 16)
    assert status == "skipped", out
    assert error is not None and error.startswith("source gone: n8n binary data file missing: ")
    assert error.endswith(FILE_16.removeprefix("binaryData/")), error

    # The binary data volume is not mounted: a systemic fault that pauses the runner, never
    # "source gone", and no attempt spent (tests/python/faults/test_faults_systemic.py).
    query(dsn, "SELECT etl_reprocess(now() - interval '100 years', ARRAY[15]::bigint[])")
    out = run_once(
        runner_env(pair, images, SAI_N8N_BINARY_DIR=tmp_path / "unmounted"), "--once-wait=0"
    )
    assert _item(dsn, 15) == ("pending", 0, None)
    assert "stage2-paused" in out and "n8n folder unreadable" in out, out

    # Not configured at all: retried too, saying what is missing.
    _due_now(dsn)
    run_once(runner_env(pair, images, SAI_N8N_BINARY_DIR=""), "--once-wait=0")
    status, attempts, error = _item(dsn, 15)
    assert (status, attempts, error) == (
        "pending",
        1,
        "SAI_N8N_STORAGE_DIR and SAI_N8N_BINARY_DIR are not set: cannot read n8n's file",
    )

    # The file is back: `sai-etl retry --skipped 16` reopens it, the runner completes both.
    (n8n_root / FILE_16).write_bytes(kept)
    retry = subprocess.run(
        [SAI_ETL, "retry", "--skipped", "16"], env=pair.env(), capture_output=True, text=True
    )
    assert (retry.returncode, retry.stdout) == (0, "reopened 1 skipped item\n"), retry.stderr
    _due_now(dsn)
    run_once(runner_env(pair, images, SAI_N8N_BINARY_DIR=n8n_root), "--once-wait=0")
    assert _item(dsn, 16) == ("completed", 1, None)
    assert _item(dsn, 15)[:2] == ("completed", 2)
    assert (images / "originals/000000/16.jpg").read_bytes() == kept
