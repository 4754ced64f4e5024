"""A database restart while the runner waits: it reconnects with backoff, LISTENs again, and new
work reaches it by NOTIFY (the poll interval is an hour, so polling cannot explain the pickup)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support import pairs
from support.pairs import SAI_ETL
from support.runner_support import RunnerProcess, play, runner_env, setup_pair

PICKUP_BOUND = 5.0  # seconds from n8n's commit to Stage 2 done; measured ~0.1 s


@pytest.fixture
def own_cluster() -> Iterator[pairs.Cluster]:
    """A private cluster this test may stop and crash without touching any other."""
    cluster = pairs.new_cluster("restart")
    yield cluster
    cluster.remove()


def _pickup_delay(runner: RunnerProcess, new_work: Callable[[], object], done_before: int) -> float:
    """Seconds from starting an n8n execution to the runner's next completion line."""
    started = time.monotonic()
    new_work()
    runner.wait_for("completed", count=done_before + 1, timeout=30)
    finished = [t for t, line in runner.lines if line.startswith("completed ")][done_before]
    return finished - started


@pytest.mark.parametrize("how", ["stop", "kill"], ids=["fast-shutdown", "crash"])
def test_runner_survives_a_database_restart(
    own_cluster: pairs.Cluster, tmp_path: Path, how: str
) -> None:
    pair = setup_pair(own_cluster.name, "restart")
    env = runner_env(pair, tmp_path, SAI_POLL_SECONDS=3600, SAI_SWEEP_SECONDS=3600)
    runner = RunnerProcess(env)
    runner.wait_for("connected")
    before = _pickup_delay(runner, lambda: play(pair, 1), 0)

    own_cluster.ctl(how)
    own_cluster.ctl("start")
    runner.wait_for("connected", count=2, timeout=60)
    after = _pickup_delay(runner, lambda: play(pair, 1, seed=1), 1)

    assert runner.stop() == 0, runner.output()
    assert runner.events("connection-lost"), runner.output()
    assert before < PICKUP_BOUND, f"pickup before the restart took {before:.2f} s"
    assert after < PICKUP_BOUND, f"pickup after the restart took {after:.2f} s"


def test_runner_waits_for_the_database_and_stops_without_it(
    own_cluster: pairs.Cluster, tmp_path: Path
) -> None:
    pair = setup_pair(own_cluster.name, "absent")
    env = runner_env(pair, tmp_path, SAI_POLL_SECONDS=3600)
    own_cluster.ctl("stop")

    once = subprocess.run([SAI_ETL, "run", "--once"], env=env, capture_output=True, text=True)
    assert once.returncode == 2 and "cannot reach the database" in once.stderr

    runner = RunnerProcess(env)
    runner.wait_for("database-unreachable", count=2)
    own_cluster.ctl("start")
    runner.wait_for("connected", timeout=60)
    play(pair, 1)
    runner.wait_for("completed")

    own_cluster.ctl("stop")
    runner.wait_for("connection-lost")
    stopping = time.monotonic()
    assert runner.stop(timeout=10) == 0, runner.output()
    assert time.monotonic() - stopping < 2
    assert runner.events("stopped")
