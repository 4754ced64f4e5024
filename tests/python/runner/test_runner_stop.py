"""SIGTERM/SIGINT: the runner stops claiming, hands back what it has not started at once,
finishes or hands back what is running within SAI_STOP_SECONDS, and exits 0."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from support.runner_support import RunnerProcess, play, query, runner_env, setup_pair

FULL_HD = (1920, 1080)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stop_mid_batch_hands_back_the_rest_at_once(
    private_cluster: str, tmp_path: Path, signum: int
) -> None:
    pair = setup_pair(private_cluster, f"stop_{signum}")
    play(pair, 30, frame_size=FULL_HD, error_rate=0)
    # One image thread and a batch of 30: after the first completion, 28-29 claims wait.
    env = runner_env(pair, tmp_path, SAI_BATCH_SIZE=30, SAI_CONCURRENCY=1, SAI_STOP_SECONDS=5)
    runner = RunnerProcess(env)
    runner.wait_for("completed")
    runner.signal(signum)
    sent = time.monotonic()
    assert runner.stop(timeout=15) == 0, runner.output()
    took = time.monotonic() - sent
    assert took < 6, f"stopping took {took:.1f} s"

    states = dict(
        query(pair.dashboard_dsn, "SELECT status, count(*) FROM etl_processing_queue GROUP BY 1")
    )
    done = len(runner.completed_ids())
    assert states.get("processing") is None, states
    assert states["completed"] == done
    assert states["pending"] == 30 - done > 0
    (released,) = runner.events("stopped")
    assert f"released={30 - done}" in released
    # Pending again at once, with the claim's attempt refunded.
    ((not_due, attempts),) = query(
        pair.dashboard_dsn,
        "SELECT count(*) FILTER (WHERE next_attempt_at > now()), max(attempts) "
        "FROM etl_processing_queue WHERE status = 'pending'",
    )
    assert (not_due, attempts) == (0, 0)
