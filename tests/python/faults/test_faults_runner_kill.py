"""Fault: the runner is killed with SIGKILL at random moments, again and again, until the backlog
is worked off; then one clean run. No handler runs, no claim is released, a file may be half
written: the leases bring the items back, the claim tokens refuse every late acknowledgement,
the temp-file-and-rename writes keep partial files away from final names, and the clean run's
start removes the temp files the kills left.

Checked: every item completed, one execution_images row each, exactly the recorded files under
the image root (an original and a thumbnail per item, each original's sha256 the recorded one,
a sample equal to what n8n received), no temp file left, no item acknowledged twice.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import query, queue_status, runner_env, temp_files

SEED = 20240606


@dataclass(frozen=True)
class Scale:
    items: int
    lives: tuple[float, float]  # each runner is killed after a uniform draw from this, seconds
    lease: float  # items a killed runner held come back after this (default 30 s)
    bound: float


QUICK = Scale(items=600, lives=(0.2, 1.0), lease=2, bound=120)
# A lease shorter than 5 s runs out by itself on a busy two-core machine (renewal comes every
# lease/3), which spends attempts that no kill caused.
FULL = Scale(items=10_000, lives=(0.2, 2.0), lease=5, bound=900)
SAMPLE = 200  # originals compared byte for byte with n8n's stored payload


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_kill_9_at_random_moments_loses_nothing_and_does_nothing_twice(
    scale: Scale, private_cluster: str, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    with faults.deadline(scale.bound, "kill -9 scenario"):
        own = pairs.Cluster(private_cluster)
        pair = faults.runner_pair(pairs.new_pair("kill", n8n_cluster=own))
        started = time.monotonic()
        ids = faults.play(pair, scale.items)
        played = time.monotonic() - started
        env = runner_env(pair, tmp_path, SAI_LEASE_SECONDS=scale.lease, SAI_POLL_SECONDS=1)

        acknowledged: Counter[int] = Counter()  # queue id -> completed lines over all runs
        kills, held_at_kill = 0, []
        started = time.monotonic()
        while queue_status(pair.dashboard_dsn)["completed"] < scale.items:
            proc = faults.runner(cleanup, env)
            time.sleep(rng.uniform(*scale.lives))
            proc.kill()
            kills += 1
            acknowledged.update(proc.completed_ids())
            held_at_kill.append(queue_status(pair.dashboard_dsn)["processing"])
        killed_for = time.monotonic() - started
        temps_left = len(temp_files(tmp_path))

        # The clean run: its start removes the temp files older than 0.2 s.
        time.sleep(0.3)
        final = faults.runner(cleanup, {**env, "SAI_ORPHAN_TEMP_SECONDS": "0.2"})
        final.wait_for("connected")
        faults.wait_for_queue(pair.dashboard_dsn, scale.items, 60, final)
        assert final.stop() == 0, final.output()
        acknowledged.update(final.completed_ids())

        queue = queue_status(pair.dashboard_dsn)
        attempts = dict(
            query(
                pair.dashboard_dsn, "SELECT attempts, count(*) FROM etl_processing_queue GROUP BY 1"
            )
        )
        ((rows, distinct),) = query(
            pair.dashboard_dsn,
            "SELECT count(*), count(DISTINCT execution_id) FROM execution_images WHERE valid",
        )
        disk = faults.check_disk(pair.dashboard_dsn, tmp_path)
        sample = sorted(rng.sample(ids, min(SAMPLE, len(ids))))
        sent = faults.sent_images(pair.n8n_dsn, sample)
        recorded = dict(
            query(
                pair.dashboard_dsn,
                "SELECT execution_id, original_path FROM execution_images "
                "WHERE execution_id = ANY(%s)",
                [sample],
            )
        )
        differs = [i for i in sample if (tmp_path / recorded[i]).read_bytes() != sent[i]]

    removed = sum(
        int(line.split("count=")[1].split()[0]) for line in final.events("removed-orphan-temps")
    )
    faults.report(
        "kill -9",
        items=scale.items,
        simulated_in_s=f"{played:.1f}",
        kills=kills,
        killing_for_s=f"{killed_for:.1f}",
        kills_holding_claims=sum(1 for held in held_at_kill if held),
        max_leased_at_a_kill=max(held_at_kill),  # this run's and earlier kills' leases
        temp_files_left_by_kills=temps_left,
        removed_by_clean_run=removed,
        temp_files_after=len(temp_files(tmp_path)),
        completed_lines=sum(acknowledged.values()),
        attempts=attempts,
        image_rows=rows,
        files=disk.files,
        sample_checked_against_n8n=len(sample),
    )
    assert queue == Counter(completed=scale.items)  # 0 lost, none failed
    assert (rows, distinct) == (scale.items, scale.items)
    assert set(acknowledged.values()) == {1}, "an item was acknowledged twice"
    # A kill between the commit and its log line hides a line, at most one per kill.
    assert len(acknowledged) >= scale.items - kills
    assert disk.clean, disk  # exactly the recorded files, whole, hashes right, no temp file
    assert disk.files == 2 * scale.items
    assert differs == [], "stored originals differ from what n8n received"
    assert sum(1 for held in held_at_kill if held) >= 3, "too few kills hit a runner at work"
