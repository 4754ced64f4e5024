"""Fault: one item's image work hangs for good (its n8n binary-data file is a FIFO that nobody
writes: opening it blocks forever, as a read from a hung volume or a decode that never returns
would), in a backlog, with a runner working.

A per-item deadline must end that item, not the runner: each try fails as an attempt with its
reason once the deadline passes, its lease is not renewed, a stand-in thread keeps the pool at
its size, the other items complete, and the hung item ends `failed` after max_attempts.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import play, query, runner_env, wait_until

DEADLINE_SECONDS = 2


@dataclass(frozen=True)
class Scale:
    items: int
    bound: float


QUICK = Scale(items=30, bound=180)
FULL = Scale(items=300, bound=360)


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_hung_image_work_ends_that_item(
    scale: Scale, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, "hung image work scenario"):
        cluster = faults.cluster(cleanup, "f10hung")
        pair = pairs.new_pair("hung", dashboard_cluster=cluster, n8n_cluster=cluster)
        images, store = tmp_path / "images", tmp_path / "n8n-binary"
        images.mkdir()
        play(
            pair,
            scale.items,
            workflow="camera",
            binary_mode="filesystem",
            binary_dir=store,
            error_rate=0,
            frame_size=faults.TINY_FRAME,
        )
        frames = sorted(p for p in store.rglob("*") if p.is_file() and p.suffix != ".metadata")
        hung = frames[len(frames) // 2]
        hung.unlink()
        os.mkfifo(hung)
        env = runner_env(
            pair,
            images,
            SAI_N8N_BINARY_DIR=store,
            SAI_IMAGE_DEADLINE_SECONDS=DEADLINE_SECONDS,
            SAI_CONCURRENCY=2,
            SAI_LEASE_SECONDS=3,
        )
        runner = faults.runner(cleanup, env)

        def settled() -> bool:
            assert runner.proc.poll() is None, runner.output()
            return query(
                pair.dashboard_dsn,
                "SELECT count(*) FILTER (WHERE status IN ('completed', 'failed')) "
                "FROM etl_processing_queue",
            ) == [(scale.items,)]

        wait_until(settled, scale.bound - 30, "every item completed or failed", step=0.5)
        assert runner.proc.poll() is None, runner.output()
        failed = query(
            pair.dashboard_dsn,
            "SELECT attempts, max_attempts, last_error FROM etl_processing_queue "
            "WHERE status <> 'completed'",
        )
        assert runner.stop() == 0, runner.output()

    faults.report(
        "hung image work",
        items=scale.items,
        deadline_s=DEADLINE_SECONDS,
        failed=failed,
        hung_events=len(runner.events("image-work-hung")),
    )
    assert len(failed) == 1, failed
    attempts, max_attempts, error = failed[0]
    assert attempts == max_attempts and "hung read or decode" in error, failed
    assert len(runner.events("image-work-hung")) == max_attempts
