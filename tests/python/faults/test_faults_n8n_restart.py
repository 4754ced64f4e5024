"""Fault: n8n's cluster crashes and comes back while the runner works through a backlog.

Two layouts: n8n in a cluster of its own (the dashboard and the runner's connections stay up, but
every claim's SQL extraction reads n8n through the dashboard's postgres_fdw link), and n8n and the
dashboard in one cluster (the crash also cuts the runner's own connections). Either way the runner
stays the same process (no crash loop), backs off, carries on when n8n is back, and completes
every item; the outage spends no item's attempts beyond the claims it cut short.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import query, queue_status, runner_env


@dataclass(frozen=True)
class Scale:
    items: int
    down: float  # seconds n8n stays down
    bound: float


QUICK = Scale(items=300, down=3, bound=120)
# 45 s: longer than an item's five attempts would last under the retry backoff (2+4+8+16 s).
FULL = Scale(items=3000, down=45, bound=300)
CASES = [
    pytest.param(QUICK, "own-cluster", id="quick-own-cluster"),
    pytest.param(FULL, "own-cluster", id="full-own-cluster", marks=pytest.mark.faults),
    pytest.param(FULL, "shared-cluster", id="full-shared-cluster", marks=pytest.mark.faults),
]
RECOVERY_SECONDS = 60.0


@pytest.mark.parametrize(("scale", "layout"), CASES)
def test_n8n_restart_while_the_runner_is_busy(
    scale: Scale, layout: str, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, f"n8n restart scenario ({layout})"):
        n8n_cluster = faults.cluster(cleanup, "f2n8n")
        dash_cluster = n8n_cluster if layout == "shared-cluster" else faults.cluster(cleanup, "f2d")
        pair = faults.runner_pair(
            pairs.new_pair("restart", dashboard_cluster=dash_cluster, n8n_cluster=n8n_cluster)
        )
        faults.play(pair, scale.items)
        runner = faults.runner(cleanup, runner_env(pair, tmp_path, SAI_SWEEP_SECONDS=10))
        runner.wait_for("completed", count=scale.items // 10, timeout=60)

        done_before = len(runner.events("completed"))
        n8n_cluster.ctl("kill")
        down = time.monotonic()
        time.sleep(scale.down)
        done_while_down = len(runner.events("completed"))
        # The dashboard still answers when n8n has a cluster of its own.
        during = None if layout == "shared-cluster" else dict(queue_status(pair.dashboard_dsn))
        n8n_cluster.ctl("start")
        up = time.monotonic()
        completed = faults.wait_for_queue(pair.dashboard_dsn, scale.items, RECOVERY_SECONDS, runner)
        assert runner.proc.poll() is None, runner.output()  # never exited: no crash, no restart
        assert runner.stop() == 0, runner.output()

        attempts = dict(
            query(
                pair.dashboard_dsn, "SELECT attempts, count(*) FROM etl_processing_queue GROUP BY 1"
            )
        )
        disk = faults.check_disk(pair.dashboard_dsn, tmp_path)

    faults.report(
        f"n8n restart, {layout}",
        items=scale.items,
        n8n_down_s=f"{up - down:.1f}",
        completed_before_crash=done_before,
        completed_by_end_of_outage=done_while_down,
        queue_at_end_of_outage=during,
        all_completed_after_s=f"{completed - up:.1f}",
        attempts=attempts,
        connection_losses=len(runner.events("connection-lost")),
        unreachable_retries=len(runner.events("database-unreachable")),
        n8n_unreachable=len(runner.events("n8n-unreachable")),
        sweep_failures=len(runner.events("sweep-failed")),
        stale=len(runner.events("stale")),
        image_rows=disk.rows,
    )
    felt = runner.events("connection-lost" if layout == "shared-cluster" else "n8n-unreachable")
    assert felt, "the runner never met the outage"
    assert max(attempts) <= 2, "the outage spent attempts"
    assert disk.rows == scale.items and disk.clean, disk
