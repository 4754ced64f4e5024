"""Fault: a long dashboard outage fills n8n's outbox; the dashboard comes back with a slow WAL
writer (wal_writer_delay 10 s: asynchronous commits stay in its WAL buffers), a drain delivers the
outbox and deletes n8n's copies, and the dashboard crashes (immediate shutdown) right after.

Nothing may be lost: the drain's deliveries must be durable before n8n's copies go, and what a
crash loses anyway must be found by the reconcile however old it is (the executions stopped two
hours before the sweep, past the reconcile_window of one hour).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import pytest

from support import faults, pairs
from support.runner_support import play, query


@dataclass(frozen=True)
class Scale:
    executions: int
    bound: float  # the whole test, seconds


QUICK = Scale(executions=300, bound=180)
FULL = Scale(executions=3000, bound=420)

AGE = """
UPDATE execution_entity
SET "createdAt" = "createdAt" - interval '2 hours', "startedAt" = "startedAt" - interval '2 hours',
    "stoppedAt" = "stoppedAt" - interval '2 hours'
"""


def _ids(dsn: str, sql: str) -> list[int]:
    return [row[0] for row in query(dsn, sql)]


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_drain_then_dashboard_crash_loses_nothing(
    scale: Scale, cleanup: contextlib.ExitStack
) -> None:
    with faults.deadline(scale.bound, "drain crash scenario"):
        n8n_cluster = faults.cluster(cleanup, "f7n8n")
        dash_cluster = faults.cluster(cleanup, "f7dash")
        pair = pairs.new_pair("drain", dashboard_cluster=dash_cluster, n8n_cluster=n8n_cluster)
        pair.sai_etl("sweep")  # the runner's sweeps ran before the outage
        query(
            pair.dashboard_dsn,
            "ALTER SYSTEM SET wal_writer_delay = '10s'",
        )
        query(pair.dashboard_dsn, "ALTER SYSTEM SET wal_writer_flush_after = '1GB'")
        dash_cluster.ctl("kill")

        ids = play(pair, scale.executions, error_rate=0, frame_size=faults.TINY_FRAME)
        ((in_outbox,),) = query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox")
        query(pair.n8n_dsn, "SET session_replication_role = replica; " + AGE)

        dash_cluster.ctl("start")
        ((wal_writer_delay,),) = query(pair.dashboard_dsn, "SHOW wal_writer_delay")
        drained = 0
        while True:
            ((done,),) = query(pair.n8n_dsn, "SELECT sai_etl.drain_outbox()")
            drained += done
            if done == 0:
                break
        ((left_after_drain,),) = query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox")
        dash_cluster.ctl("kill")
        dash_cluster.ctl("start")

        after_crash = _ids(pair.dashboard_dsn, "SELECT id FROM executions ORDER BY id")
        pair.sai_etl("sweep")
        after_sweep = _ids(pair.dashboard_dsn, "SELECT id FROM executions ORDER BY id")
        sources = dict(
            query(pair.dashboard_dsn, "SELECT ingest_source, count(*) FROM executions GROUP BY 1")
        )
        finished = _ids(
            pair.n8n_dsn,
            "SELECT id FROM execution_entity WHERE status IN ('success', 'error') ORDER BY id",
        )

    lost_by_crash = sorted(set(finished) - set(after_crash))
    faults.report(
        "drain then crash",
        executions=len(ids),
        outbox_after_outage=in_outbox,
        wal_writer_delay=wal_writer_delay,
        drained=drained,
        left_in_outbox=left_after_drain,
        lost_by_the_crash=len(lost_by_crash),
        lost_after_sweep=len(set(finished) - set(after_sweep)),
        ingest_sources=sources,
    )
    assert in_outbox == len(ids), "the outage did not put every execution in the outbox"
    assert wal_writer_delay == "10s"
    assert drained == len(ids) and left_after_drain == 0
    assert lost_by_crash == [], "the crash lost drained executions whose n8n copy was deleted"
    assert after_sweep == finished == sorted(ids)
