"""Fault: the dashboard is slow but alive while n8n finishes executions: a session holds a lock on
`executions` (as VACUUM FULL or ALTER TABLE would), then on the Stage 2 queue, then the ingest
itself sleeps (an I/O stall), first far past the link's statement timeout, then just past its
"slow" threshold but within the timeout.

n8n must not wait on it: every finishing transaction stays within the link's bound (statement and
lock timeouts well under a second), the backend's breaker opens (slow deliveries count like
failed ones), the executions go to the outbox, and once the dashboard is well a sweep records
every one of them, each once.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from support import faults, pairs
from support.runner_support import query


@dataclass(frozen=True)
class Scale:
    phase: float  # seconds each slowness lasts
    rate: float  # executions finished per second
    bound: float  # the whole test, seconds


QUICK = Scale(phase=3, rate=10, bound=180)
FULL = Scale(phase=20, rate=25, bound=420)
# n8n's finishing transaction with the dashboard slow: the link's statement timeout (250 ms)
# plus n8n's own work, with room for two shared cores. Before the bound it waited 5 s on a lock.
BOUND_MS = 1000.0
BREAKER_SECONDS = 1  # short, so that each phase meets the dashboard several times

SLEEP_FUNCTION = """
CREATE FUNCTION fault_slow_ingest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_sleep({seconds});
    RETURN new;
END $$;
CREATE TRIGGER fault_slow_ingest BEFORE INSERT OR UPDATE ON executions
FOR EACH ROW EXECUTE FUNCTION fault_slow_ingest();
"""
SLEEP_UNDO = "DROP TRIGGER fault_slow_ingest ON executions; DROP FUNCTION fault_slow_ingest();"


@contextlib.contextmanager
def held_lock(dsn: str, table: str) -> contextlib.AbstractContextManager[None]:
    """Another session holds an ACCESS EXCLUSIVE lock on `table` for the block."""
    with psycopg.connect(dsn) as conn:
        conn.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        yield
        conn.rollback()


@contextlib.contextmanager
def sleeping_ingest(dsn: str, seconds: float) -> contextlib.AbstractContextManager[None]:
    """Every row the ingest writes into `executions` takes `seconds` more."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SLEEP_FUNCTION.format(seconds=seconds))
        try:
            yield
        finally:
            conn.execute(SLEEP_UNDO)


def _outbox(dsn: str) -> dict[int, str]:
    return dict(query(dsn, "SELECT execution_id, last_error FROM sai_etl.outbox"))


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_slow_dashboard_costs_n8n_a_bounded_wait(
    scale: Scale, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, "slow dashboard scenario"):
        cluster = faults.cluster(cleanup, "f6slow")
        pair = pairs.new_pair("slow", dashboard_cluster=cluster, n8n_cluster=cluster)
        query(
            pair.n8n_dsn,
            "UPDATE sai_etl.settings SET value = %s WHERE key = 'breaker_seconds'",
            [str(BREAKER_SECONDS)],
        )
        phases = {
            "lock on executions": lambda: held_lock(pair.dashboard_dsn, "executions"),
            "lock on the queue": lambda: held_lock(pair.dashboard_dsn, "etl_processing_queue"),
            "ingest sleeps 1.5 s": lambda: sleeping_ingest(pair.dashboard_dsn, 1.5),
            "ingest sleeps 0.15 s": lambda: sleeping_ingest(pair.dashboard_dsn, 0.15),
        }
        load = faults.Load(pair.n8n_dsn, scale.rate, (len(phases) * 2 + 1) * scale.phase)
        load.start()
        time.sleep(scale.phase)  # the dashboard well first: trigger deliveries
        seen: dict[str, tuple[float, float, dict[int, str]]] = {}
        for name, fault in phases.items():
            before = _outbox(pair.n8n_dsn)
            with fault():
                start = time.monotonic()
                time.sleep(scale.phase)
                end = time.monotonic()
            added = {k: v for k, v in _outbox(pair.n8n_dsn).items() if k not in before}
            seen[name] = (start, end, added)
            time.sleep(scale.phase)  # well again between the faults
        load.join(scale.phase * 2 + 60)
        assert not load.is_alive(), "the load did not finish"
        assert load.errors == [], f"an n8n write failed: {load.errors!r}"

        in_outbox = _outbox(pair.n8n_dsn)
        pair.sai_etl("sweep")
        finished = [
            row[0]
            for row in query(
                pair.n8n_dsn,
                "SELECT id FROM execution_entity WHERE status IN ('success', 'error') ORDER BY id",
            )
        ]
        recorded = dict(query(pair.dashboard_dsn, "SELECT id, ingest_source FROM executions"))
        queued = query(
            pair.dashboard_dsn,
            "SELECT execution_id, count(*) FROM etl_processing_queue GROUP BY 1 ORDER BY 1",
        )
        ((left_in_outbox,),) = query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox")

    figures: dict[str, object] = {}
    for index, (name, (start, end, added)) in enumerate(seen.items()):
        during = load.between(start, end)
        opened = sum(1 for error in added.values() if error.startswith("circuit breaker open"))
        figures[f"phase{index + 1}"] = (
            f"{name}: n={len(during)} p50={statistics.median(during):.1f}ms "
            f"p99={faults.p99(during):.1f}ms max={max(during):.1f}ms "
            f"outbox+={len(added)} breaker_open={opened}"
        )
    well = load.between(load.started_at, next(iter(seen.values()))[0])
    figures["well"] = f"p50={statistics.median(well):.1f}ms p99={faults.p99(well):.1f}ms"
    faults.report("slow dashboard", executions=len(finished), **figures)

    for name, (start, end, added) in seen.items():
        during = load.between(start, end)
        assert max(during) < BOUND_MS, f"{name}: n8n waited {max(during):.0f} ms on the dashboard"
        assert len(during) >= scale.rate * scale.phase * 0.6, f"{name}: the load did not hold"
        assert any(e.startswith("circuit breaker open") for e in added.values()), (
            f"{name}: the breaker never opened; outbox rows added: {added}"
        )
    assert sorted(recorded) == finished  # each once: the same ids, no more
    assert {i: recorded[i] for i in in_outbox} == dict.fromkeys(in_outbox, "outbox")
    assert queued == [(i, 1) for i in finished]
    assert left_in_outbox == 0
