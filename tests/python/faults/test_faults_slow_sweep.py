"""Fault: a runner's sweep blocks for several leases (a session holds a lock on n8n's outbox, so
the drain waits), while that runner holds claimed items and a second runner claims beside it.

Lease renewal must not depend on the main loop: the first runner's leases stay live throughout,
the second runner never reaps and redoes its items, and every item is done exactly once.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from support import faults, pairs
from support.runner_support import play, query, runner_env

LEASE_SECONDS = 2


@dataclass(frozen=True)
class Scale:
    items: int
    hold: float  # seconds the sweep is blocked: several leases
    bound: float


QUICK = Scale(items=400, hold=4 * LEASE_SECONDS, bound=180)
FULL = Scale(items=3000, hold=15 * LEASE_SECONDS, bound=420)


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_slow_sweep_keeps_leases_live(
    scale: Scale, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, "slow sweep scenario"):
        cluster = faults.cluster(cleanup, "f11sweep")
        pair = pairs.new_pair("sweep", dashboard_cluster=cluster, n8n_cluster=cluster)
        play(pair, scale.items, error_rate=0, frame_size=faults.TINY_FRAME)
        common = {"SAI_LEASE_SECONDS": LEASE_SECONDS, "SAI_BATCH_SIZE": 20}
        sweeper = faults.runner(
            cleanup,
            runner_env(pair, tmp_path, SAI_SWEEP_SECONDS=1, **common),
        )
        sweeper.wait_for("completed")
        with psycopg.connect(pair.n8n_dsn) as lock:
            lock.execute("LOCK TABLE sai_etl.outbox IN ACCESS EXCLUSIVE MODE")
            time.sleep(1.5)  # the sweeper's next sweep is now waiting on the lock
            other = faults.runner(
                cleanup,
                runner_env(pair, tmp_path, SAI_SWEEP_SECONDS=3600, **common),
            )
            time.sleep(scale.hold)
            held = query(
                pair.dashboard_dsn,
                "SELECT count(*) FROM etl_processing_queue "
                "WHERE status = 'processing' AND claimed_by LIKE %s",
                [f"%:{sweeper.proc.pid}"],
            )
            lock.rollback()
        faults.wait_for_queue(pair.dashboard_dsn, scale.items, 120, other)
        for runner in (sweeper, other):
            assert runner.proc.poll() is None, runner.output()
            assert runner.stop() == 0, runner.output()
        attempts = dict(
            query(
                pair.dashboard_dsn, "SELECT attempts, count(*) FROM etl_processing_queue GROUP BY 1"
            )
        )
        disk = faults.check_disk(pair.dashboard_dsn, tmp_path)

    lost = [line for name in ("lease-lost", "stale", "dropped") for line in sweeper.events(name)]
    faults.report(
        "slow sweep",
        items=scale.items,
        sweep_blocked_s=scale.hold,
        lease_s=LEASE_SECONDS,
        sweeper_held_during=held[0][0],
        attempts=attempts,
        sweeper_lost_or_stale=len(lost),
        sweeper_completed=len(sweeper.events("completed")),
        other_completed=len(other.events("completed")),
    )
    assert held[0][0] > 0, "the blocked runner held nothing: the scenario missed its point"
    assert lost == [], lost
    assert attempts == {1: scale.items}, attempts
    assert disk.rows == scale.items and disk.clean, disk
