"""Fault: the image root fills up (a small tmpfs) or turns read only (a read-only bind mount)
while the runner works, stays so for a while, and recovers (the tmpfs grows, the mount goes).

While it lasts, the items that hit it fail transiently: back to pending with the attempt and the
error in the queue, never `failed`; no file under a final name is partial (originals are
byte-for-byte what n8n received, derivatives decode). When space or permission returns, every
item completes and the image root holds exactly the recorded files.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import query, queue_status, runner_env, temp_files

FRAME = (320, 180)  # about 14 kB originals: a 2 MB tmpfs fills after some 80 items
ERRORS = {"full": "No space left on device", "read-only": "Read-only file system"}


@dataclass(frozen=True)
class Scale:
    items: int
    tmpfs: str  # size of the image root's tmpfs in the `full` case
    hold: float  # seconds the fault lasts after the first item hit it
    bound: float


QUICK = Scale(items=150, tmpfs="1m", hold=2, bound=120)
# 45 s: longer than an item's five attempts would last under the retry backoff (2+4+8+16 s).
FULL = Scale(items=600, tmpfs="2m", hold=45, bound=300)
RECOVERY_SECONDS = 60.0


@pytest.mark.parametrize("fault", ["full", "read-only"])
@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_image_root_full_or_read_only_mid_run(
    scale: Scale, fault: str, private_cluster: str, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    root = tmp_path / "images"
    root.mkdir()
    with faults.deadline(scale.bound, f"image root {fault} scenario"):
        own = pairs.Cluster(private_cluster)
        pair = faults.runner_pair(pairs.new_pair("disk", n8n_cluster=own))
        ids = faults.play(pair, scale.items, frame_size=FRAME)
        sent = faults.sent_images(pair.n8n_dsn, ids)
        if fault == "full":
            faults.mount_tmpfs(cleanup, root, scale.tmpfs)
        runner = faults.runner(cleanup, runner_env(pair, root))
        if fault == "read-only":
            runner.wait_for("completed", count=scale.items // 20)
            faults.make_read_only(cleanup, root)
        runner.wait_for("retry", timeout=60)  # the first item that hit the fault
        hit = time.monotonic()
        time.sleep(scale.hold)

        during = queue_status(pair.dashboard_dsn)
        retrying = query(
            pair.dashboard_dsn,
            "SELECT attempts, last_error FROM etl_processing_queue "
            "WHERE status = 'pending' AND attempts > 0 ORDER BY id",
        )
        partial_during = faults.partial_finals(root, sent)
        if fault == "full":
            faults.resize_tmpfs(root, "64m")
        else:
            faults.lift_read_only(root)
        lifted = time.monotonic()
        completed = faults.wait_for_queue(pair.dashboard_dsn, scale.items, RECOVERY_SECONDS, runner)
        assert runner.stop() == 0, runner.output()

        attempts = dict(
            query(
                pair.dashboard_dsn, "SELECT attempts, count(*) FROM etl_processing_queue GROUP BY 1"
            )
        )
        disk = faults.check_disk(pair.dashboard_dsn, root)
        partial_after = faults.partial_finals(root, sent)
        temps = temp_files(root)

    faults.report(
        f"image root {fault}",
        items=scale.items,
        fault_held_s=f"{lifted - hit:.1f}",
        queue_during=dict(during),
        retrying_during=len(retrying),
        example_error=retrying[0][1] if retrying else None,
        retry_lines=len(runner.events("retry")),
        failed_lines=len(runner.events("failed")),
        all_completed_after_s=f"{completed - lifted:.1f}",
        attempts=attempts,
        partial_files=len(partial_during) + len(partial_after),
        temp_files_after=len(temps),
        image_rows=disk.rows,
    )
    assert retrying and all(ERRORS[fault] in error for _, error in retrying), retrying
    assert during["failed"] == 0, "an item failed for good while the fault lasted"
    assert partial_during == [] and partial_after == []
    assert disk.rows == scale.items and disk.clean, disk
    assert temps == []
    assert max(attempts) <= 2, "the fault spent more than one attempt of an item"
