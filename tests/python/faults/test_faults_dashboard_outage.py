"""Fault: the dashboard's cluster crashes and stays down for a minute while n8n finishes executions
at 25 per second and a runner works, all with the production settings (breaker 30 s, sweep every
10 s, poll 5 s, lease 30 s).

n8n must not notice beyond a bounded delay: every finishing transaction commits (the simulator
raises on any failed write) and its time is measured. Afterwards the runner, which stays the same
process throughout, reconnects, its sweep drains n8n's outbox and reconciles what the crash lost
(the test clusters commit asynchronously), and Stage 2 completes every execution exactly once.
"""

from __future__ import annotations

import contextlib
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import query, runner_env, wait_until


@dataclass(frozen=True)
class Scale:
    before: float  # seconds of load before the crash
    outage: float  # seconds the dashboard stays down
    after: float  # seconds of load after it is back
    rate: float  # executions finished per second
    bound: float  # the whole test, seconds


QUICK = Scale(before=1, outage=3, after=1, rate=25, bound=240)
FULL = Scale(before=10, outage=60, after=10, rate=25, bound=480)
# Stage 2 catching up after the outage, on top of the runner's reconnect backoff (≤ 30 s).
RECOVERY_SECONDS = 90.0
# Not a performance target: a sanity bound (the link's connect timeout is 2 s).
P99_SANITY_MS = 1000.0


def _first_after(lines: list[tuple[float, str]], name: str, moment: float) -> float | None:
    return next((t for t, line in lines if t >= moment and line.startswith(name + " ")), None)


def _summed(lines: list[str], key: str) -> int:
    return sum(int(m[1]) for line in lines if (m := re.search(rf"\b{key}=(\d+)", line)))


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_dashboard_down_for_a_minute_under_load(
    scale: Scale, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, "dashboard outage scenario"):
        n8n_cluster = faults.cluster(cleanup, "f1n8n")
        dash_cluster = faults.cluster(cleanup, "f1dash")
        pair = pairs.new_pair("outage", dashboard_cluster=dash_cluster, n8n_cluster=n8n_cluster)
        env = runner_env(
            faults.runner_pair(pair), tmp_path, SAI_SWEEP_SECONDS=10, SAI_POLL_SECONDS=5
        )
        runner = faults.runner(cleanup, env)
        runner.wait_for("connected")

        load = faults.Load(pair.n8n_dsn, scale.rate, scale.before + scale.outage + scale.after)
        load.start()
        time.sleep(scale.before)
        dash_cluster.ctl("kill")
        down = time.monotonic()
        time.sleep(scale.outage)
        ((outbox_at_end_of_outage,),) = query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox")
        dash_cluster.ctl("start")
        up = time.monotonic()
        load.join(scale.after + 60)
        assert not load.is_alive(), "the load did not finish"
        assert load.errors == [], f"an n8n write failed: {load.errors!r}"

        finished = [
            row[0]
            for row in query(
                pair.n8n_dsn,
                "SELECT id FROM execution_entity WHERE status IN ('success', 'error') ORDER BY id",
            )
        ]
        assert finished == sorted(load.ids)

        def recorded() -> list[int]:
            return [row[0] for row in query(pair.dashboard_dsn, "SELECT id FROM executions")]

        wait_until(
            lambda: len(recorded()) == len(finished),
            RECOVERY_SECONDS,
            "every execution recorded",
            step=0.2,
        )
        all_recorded = time.monotonic()
        all_completed = faults.wait_for_queue(
            pair.dashboard_dsn, len(finished), RECOVERY_SECONDS, runner
        )
        assert runner.proc.poll() is None, runner.output()  # never exited: no crash, no restart
        assert runner.stop() == 0, runner.output()

        dashboard_ids = [
            row[0] for row in query(pair.dashboard_dsn, "SELECT id FROM executions ORDER BY id")
        ]
        queued = query(
            pair.dashboard_dsn,
            "SELECT execution_id, status FROM etl_processing_queue ORDER BY execution_id",
        )
        sources = dict(
            query(pair.dashboard_dsn, "SELECT ingest_source, count(*) FROM executions GROUP BY 1")
        )
        ((left_in_outbox,),) = query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox")
        disk = faults.check_disk(pair.dashboard_dsn, tmp_path)

    during = load.between(down, up)
    outside = load.between(load.started_at, down) + load.between(up, load.ended_at)
    reconnected = _first_after(runner.lines, "connected", up)
    faults.report(
        "dashboard outage",
        executions=len(finished),
        rate_per_s=f"{len(finished) / (load.ended_at - load.started_at):.1f}",
        outage_s=f"{up - down:.1f}",
        finished_during_outage=len(during),
        rate_during_outage_per_s=f"{len(during) / (up - down):.1f}",
        outage_median_ms=f"{statistics.median(during):.2f}",
        outage_p99_ms=f"{faults.p99(during):.2f}",
        outage_max_ms=f"{max(during):.2f}",
        other_median_ms=f"{statistics.median(outside):.2f}",
        other_p99_ms=f"{faults.p99(outside):.2f}",
        outbox_at_end_of_outage=outbox_at_end_of_outage,
        runner_reconnected_after_s=f"{reconnected - up:.1f}" if reconnected else None,
        connection_losses=len(runner.events("connection-lost")),
        unreachable_retries=len(runner.events("database-unreachable")),
        drained=_summed(runner.events("swept"), "outbox_drained"),
        reconciled=_summed(runner.events("swept"), "reconciled"),
        ingest_sources=sources,
        all_recorded_after_s=f"{all_recorded - up:.1f}",
        all_completed_after_s=f"{all_completed - up:.1f}",
        image_rows=disk.rows,
        files=disk.files,
    )
    assert len(during) >= scale.rate * scale.outage * 0.8, "the load did not hold during it"
    assert outbox_at_end_of_outage > 0, "the outage reached no execution"
    assert faults.p99(during) < P99_SANITY_MS
    assert dashboard_ids == finished  # each once: the same ids, in order, no more
    assert queued == [(i, "completed") for i in finished]
    assert left_in_outbox == 0
    assert disk.rows == len(finished) and disk.clean, disk
