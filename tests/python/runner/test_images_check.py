"""`sai-etl images check [--repair]` on a real image root the runner filled: it names orphan
files (old ones only), missing files and sha256 mismatches, exits 1 while any is there, and
--repair removes the orphans and queues the broken executions, which the runner writes anew."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from support.pairs import SAI_ETL, setup_pair
from support.runner_support import play, query, run_once, runner_env


def _images(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SAI_ETL, "images", "check", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_images_check_and_repair(private_cluster: str, tmp_path: Path) -> None:
    pair = setup_pair(private_cluster, "images_check")
    ids = play(pair, 4, frame_size=(64, 48), error_rate=0)
    env = runner_env(pair, tmp_path)
    run_once(env)
    assert _images(env).returncode == 0, "a fresh run's image root is not clean"

    files = dict(
        query(
            pair.dashboard_dsn,
            "SELECT execution_id || kind, path FROM etl_image_files() WHERE kind <> 'display'",
        )
    )
    old = time.time() - 3600
    orphan = tmp_path / "originals" / "00" / "999999.png"  # a reprocess changed its format
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left behind")
    os.utime(orphan, (old, old))
    young = tmp_path / "originals" / "00" / "999998.jpg"  # a runner about to record it
    young.write_bytes(b"in flight")
    (tmp_path / files[f"{ids[0]}thumbnail"]).unlink()
    (tmp_path / files[f"{ids[1]}original"]).write_bytes(b"not the recorded bytes")

    checked = _images(env)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    out = checked.stdout
    assert "orphans: 1\n  originals/00/999999.png" in out, out
    assert f"missing: 1\n  {files[f'{ids[0]}thumbnail']}" in out, out
    assert f"sha256 mismatches: 1\n  {files[f'{ids[1]}original']}" in out, out
    assert "not judged (younger than 600 s): 1" in out, out

    repaired = _images(env, "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "removed 1 orphan files, requeued 2 executions" in repaired.stdout
    assert not orphan.exists() and young.exists()
    run_once(env)
    young.unlink()
    final = _images(env)
    assert final.returncode == 0, final.stdout
    assert "orphans: 0\nmissing: 0\nsha256 mismatches: 0" in final.stdout
