"""Fault: a long transaction (a report left open in REPEATABLE READ) holds back vacuum while the
runner churns through a backlog; the same run without it for comparison.

Reported: Stage 2 throughput, the queue table's dead tuples as the health view shows them
(n_dead_tup) and exactly (pgstattuple), its size, autovacuum runs. Shown: etl_queue_health names
the holder and its xmin age, the vacuum_held_back alert fires, VACUUM cannot remove the queue's
dead row versions while the holder lives and removes them all once it ends.

The cluster runs autovacuum every second (autovacuum_naptime = 1s, default 1 min) so that a run
of well under a minute shows what autovacuum does without the holder.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from support import faults, pairs
from support.runner_support import query, runner_env, wait_until

HOLDER = "fault suite: long report"
ALERT_AFTER = "2 seconds"  # alert_xmin_age for these runs (default 1 hour)


@dataclass(frozen=True)
class Scale:
    items: int
    bound: float


QUICK = Scale(items=300, bound=120)
FULL = Scale(items=6000, bound=420)


@dataclass
class Run:
    held: bool
    items: int = 0
    per_second: float = 0.0
    first_fifth: float = 0.0  # throughput over the first fifth of the items
    last_fifth: float = 0.0  # ... and over the last, with the most dead tuples
    max_dead_seen: int = 0  # etl_queue_health.dead_tuples during the run
    holder_seen: str | None = None  # etl_queue_health.oldest_xmin_holder naming the holder
    max_xmin_age: int = 0
    alert: str | None = None  # the vacuum_held_back message
    dead: int = 0  # pgstattuple after the run
    dead_after_vacuum: int = 0  # ... after a VACUUM, the holder still open
    dead_after_release: int | None = None  # ... after the holder ended and another VACUUM
    table_kb: int = 0
    autovacuums: int = 0
    samples: list[tuple[int, int | None, str | None]] = field(default_factory=list)


class Sampler(threading.Thread):
    """Reads the health view twice a second, as an operator's dashboard would."""

    def __init__(self, dsn: str) -> None:
        super().__init__(daemon=True)
        self.dsn, self.stop = dsn, threading.Event()
        self.samples: list[tuple[int, int | None, str | None]] = []

    def run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.stop.wait(0.5):
                row = conn.execute(
                    "SELECT dead_tuples, oldest_xmin_age, oldest_xmin_holder FROM etl_queue_health"
                ).fetchone()
                self.samples.append((row[0] or 0, row[1], row[2]))


def _dead(dsn: str) -> tuple[int, int]:
    ((dead, size),) = query(
        dsn, "SELECT dead_tuple_count, table_len FROM pgstattuple('etl_processing_queue')"
    )
    return dead, size


def _churn(
    cluster: pairs.Cluster, cleanup: contextlib.ExitStack, images: Path, items: int, held: bool
) -> Run:
    pair = faults.runner_pair(pairs.new_pair("vacuum", n8n_cluster=cluster))
    dsn = pair.dashboard_dsn
    query(dsn, "CREATE EXTENSION IF NOT EXISTS pgstattuple")
    query(dsn, "UPDATE etl_settings SET value = %s WHERE key = 'alert_xmin_age'", [ALERT_AFTER])
    faults.play(pair, items)
    run = Run(held=held, items=items)
    images.mkdir()
    holder = None
    if held:
        holder = psycopg.connect(dsn, application_name=HOLDER)
        cleanup.callback(holder.close)
        holder.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        holder.execute("SELECT count(*) FROM etl_processing_queue")  # its snapshot, kept open
    sampler = Sampler(dsn)
    sampler.start()
    runner = faults.runner(cleanup, runner_env(pair, images, SAI_SWEEP_SECONDS=10))
    faults.wait_for_queue(dsn, items, 300, runner)
    assert runner.stop() == 0, runner.output()
    sampler.stop.set()
    sampler.join(5)
    done = [t for t, line in runner.lines if line.startswith("completed ")]
    run.per_second = (len(done) - 1) / (done[-1] - done[0])
    fifth = len(done) // 5
    run.first_fifth, run.last_fifth = (
        fifth / (part[-1] - part[0]) for part in (done[: fifth + 1], done[-fifth - 1 :])
    )
    run.samples = sampler.samples
    run.max_dead_seen = max(dead for dead, _, _ in run.samples)
    run.max_xmin_age = max((age or 0) for _, age, _ in run.samples)
    run.holder_seen = next((h for _, _, h in run.samples if h and HOLDER in h), None)
    if held:
        wait_until(
            lambda: bool(query(dsn, "SELECT 1 FROM etl_alerts WHERE alert = 'vacuum_held_back'")),
            10,
            "the vacuum_held_back alert",
        )
    alert = query(dsn, "SELECT message FROM etl_alerts WHERE alert = 'vacuum_held_back'")
    run.alert = alert[0][0] if alert else None
    run.dead, size = _dead(dsn)
    run.table_kb = size // 1024
    query(dsn, "VACUUM etl_processing_queue")
    run.dead_after_vacuum, _ = _dead(dsn)
    if holder is not None:
        holder.rollback()
        query(dsn, "VACUUM etl_processing_queue")
        run.dead_after_release, _ = _dead(dsn)
    ((run.autovacuums,),) = query(
        dsn,
        "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'etl_processing_queue'",
    )
    return run


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_long_transaction_holds_back_vacuum_and_health_shows_it(
    scale: Scale, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, "vacuum scenario"):
        own = faults.cluster(cleanup, "f5")
        with psycopg.connect(own.dsn("postgres"), autocommit=True) as admin:
            admin.execute("ALTER SYSTEM SET autovacuum_naptime = '1s'")
            admin.execute("SELECT pg_reload_conf()")
        free = _churn(own, cleanup, tmp_path / "free", scale.items, held=False)
        held = _churn(own, cleanup, tmp_path / "held", scale.items, held=True)

    for run in (free, held):
        faults.report(
            "vacuum held back" if run.held else "vacuum free",
            items=run.items,
            per_second=f"{run.per_second:.0f}",
            first_fifth_per_second=f"{run.first_fifth:.0f}",
            last_fifth_per_second=f"{run.last_fifth:.0f}",
            health_dead_tuples_max=run.max_dead_seen,
            dead_after_run=run.dead,
            dead_after_vacuum=run.dead_after_vacuum,
            dead_after_holder_ended=run.dead_after_release,
            table_kb=run.table_kb,
            autovacuums=run.autovacuums,
            oldest_xmin_age_max=run.max_xmin_age,
            holder_seen=run.holder_seen,
            alert=run.alert,
        )
    assert free.alert is None and free.holder_seen is None
    assert held.holder_seen is not None, held.samples
    assert held.alert is not None and HOLDER in held.alert
    # Claim and completion leave at least one dead version of every item that nothing removes.
    assert held.dead_after_vacuum >= scale.items
    assert held.dead_after_release == 0 and free.dead_after_vacuum == 0
