"""Each item's effects happen once: under kill -9, with several runners on one queue, and when a
runner's lease ran out while it was paused (its late acknowledgements are refused)."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb

from support.runner_support import (
    Pair,
    RunnerProcess,
    effects,
    play,
    query,
    queue_status,
    runner_env,
    setup_pair,
    wait_until,
)

FULL_HD = (1920, 1080)


def _assert_each_once(pair: Pair, images: Path, count: int) -> None:
    """One completed item, one image row, one original and one thumbnail each; no temp file."""
    found = effects(pair, images)
    assert found.queue == Counter(completed=count)
    assert (found.image_rows, found.image_rows_distinct) == (count, count)
    assert len(found.originals) == len(found.thumbnails) == count
    assert set(found.originals.values()) == set(found.thumbnails.values()) == {1}
    assert found.temps == 0


def test_kill_9_mid_batch_repeatedly_loses_nothing_and_does_nothing_twice(
    private_cluster: str,
    tmp_path: Path,
) -> None:
    pair = setup_pair(private_cluster, "runner_kill")
    count = 60
    play(pair, count, frame_size=FULL_HD, error_rate=0)
    env = runner_env(
        pair, tmp_path, SAI_LEASE_SECONDS=1, SAI_BATCH_SIZE=10, SAI_ORPHAN_TEMP_SECONDS=0.2
    )
    logged: Counter[int] = Counter()
    left_in_flight = []
    for _ in range(3):
        runner = RunnerProcess(env)
        runner.wait_for("completed", count=len(logged) // 3 + 8)
        runner.kill()  # SIGKILL: no handler, no release, maybe mid-write
        logged.update(runner.completed_ids())
        left_in_flight.append(queue_status(pair.dashboard_dsn)["processing"])
    final = RunnerProcess(env)
    wait_until(
        lambda: queue_status(pair.dashboard_dsn) == Counter(completed=count),
        60,
        "every item completed",
    )
    assert final.stop() == 0
    logged.update(final.completed_ids())

    assert all(left_in_flight), f"each kill should leave claims behind: {left_in_flight}"
    # No item was acknowledged twice (a kill between commit and log line can hide one line).
    assert set(logged.values()) == {1}
    assert len(logged) >= count - 3
    _assert_each_once(pair, tmp_path, count)
    (max_attempts,) = query(pair.dashboard_dsn, "SELECT max(attempts) FROM etl_processing_queue")[0]
    assert max_attempts <= 4


@pytest.mark.parametrize("runners", [2, 4])
def test_runners_on_one_queue_process_each_item_once(
    private_cluster: str, tmp_path: Path, runners: int
) -> None:
    pair = setup_pair(private_cluster, f"runner_share_{runners}")
    play(pair, 40, error_rate=0)  # a backlog before they start ...
    env = runner_env(pair, tmp_path, SAI_BATCH_SIZE=5)
    procs = [RunnerProcess(env) for _ in range(runners)]
    play(pair, 40, seed=1, error_rate=0)  # ... and work arriving while they run
    wait_until(
        lambda: queue_status(pair.dashboard_dsn) == Counter(completed=80),
        60,
        "every item completed",
    )
    assert [proc.stop() for proc in procs] == [0] * runners
    done = Counter(queue_id for proc in procs for queue_id in proc.completed_ids())
    assert len(done) == 80 and set(done.values()) == {1}
    assert sum(1 for proc in procs if proc.completed_ids()) >= 2, "the work was shared"
    _assert_each_once(pair, tmp_path, 80)


def test_a_stale_claims_acknowledgements_are_refused(private_cluster: str) -> None:
    pair = setup_pair(private_cluster, "runner_stale_ack")
    play(pair, 1)
    image = Jsonb({"source": "binary", "valid": False, "invalid_reason": "from the stale claim"})
    with (
        psycopg.connect(pair.dashboard_dsn, autocommit=True) as a,
        psycopg.connect(pair.dashboard_dsn, autocommit=True) as b,
    ):
        claim = (
            "SELECT queue_id, claim_token, attempt "
            "FROM etl_claim(%s::text, 1, %s::double precision)"
        )
        ((queue_id, stale, first),) = a.execute(claim, ["A", 0.2]).fetchall()
        time.sleep(0.4)  # A's lease runs out; B's claim reaps it and claims the item anew
        ((queue_id_b, live, second),) = b.execute(claim, ["B", 30]).fetchall()
        assert (queue_id_b, first, second) == (queue_id, 1, 2) and live != stale

        def one(conn: psycopg.Connection, sql: str, *params: object) -> object:
            return conn.execute(sql, params).fetchone()[0]

        assert one(a, "SELECT etl_complete(%s, %s, %s)", queue_id, stale, image) is False
        assert one(a, "SELECT etl_fail(%s, %s, 'late', true)", queue_id, stale) is None
        assert one(a, "SELECT etl_skip(%s, %s, 'late')", queue_id, stale) is False
        assert (
            a.execute(
                "SELECT * FROM etl_renew_leases(ARRAY[%s]::bigint[], ARRAY[%s]::uuid[], 30)",
                [queue_id, stale],
            ).fetchall()
            == []
        )
        assert (
            one(a, "SELECT etl_release(ARRAY[%s]::bigint[], ARRAY[%s]::uuid[])", queue_id, stale)
            == 0
        )
        assert one(b, "SELECT etl_complete(%s, %s, NULL)", queue_id, live) is True
    assert query(
        pair.dashboard_dsn,
        "SELECT status, attempts, claimed_by, (SELECT count(*) FROM execution_images) "
        "FROM etl_processing_queue",
    ) == [("completed", 2, "B", 0)]


def test_a_paused_runner_cannot_acknowledge_what_another_took_over(
    private_cluster: str, tmp_path: Path
) -> None:
    pair = setup_pair(private_cluster, "runner_paused")
    play(pair, 20, frame_size=FULL_HD, error_rate=0)
    env = runner_env(pair, tmp_path, SAI_LEASE_SECONDS=1, SAI_BATCH_SIZE=20, SAI_CONCURRENCY=1)
    paused = RunnerProcess(env)
    paused.wait_for("completed")
    paused.signal(signal.SIGSTOP)  # holds ~19 claims whose leases now run out
    other = RunnerProcess(env)
    wait_until(
        lambda: queue_status(pair.dashboard_dsn) == Counter(completed=20),
        60,
        "the other runner to finish everything",
    )
    paused.signal(signal.SIGCONT)
    wait_until(
        lambda: bool(paused.events("stale") or paused.events("lease-lost")),
        10,
        "the paused runner to find its claims gone",
    )
    assert paused.stop() == 0 and other.stop() == 0
    done = Counter(paused.completed_ids() + other.completed_ids())
    assert len(done) == 20 and set(done.values()) == {1}, (paused.output(), other.output())
    _assert_each_once(pair, tmp_path, 20)
