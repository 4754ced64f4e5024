"""The dashboard's server crashes while executions finish, and comes back: every n8n update
succeeded, and after one sweep the dashboard holds every execution exactly once.

Load: `sai-etl-dev simulate --rate 20` (a real process; it exits non-zero if any n8n write fails)
plus two threads playing n8n's statement sequence and timing its finishing transaction.
The test clusters run with synchronous_commit off, so the crash also loses the dashboard's last
few commits after n8n was told they succeeded: the sweep's reconcile brings those back."""

from __future__ import annotations

import statistics
import subprocess
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest

from support import n8n_writes, pairs

OUTAGE_SECONDS = 3.0


@pytest.fixture(scope="module")
def pair(second_cluster: pairs.Cluster) -> Iterator[pairs.Pair]:
    made = pairs.new_pair("outage", dashboard_cluster=second_cluster)
    with psycopg.connect(made.n8n_dsn, autocommit=True) as conn:
        # Backends try the dashboard again soon after it is back.
        conn.execute("UPDATE sai_etl.settings SET value = '1' WHERE key = 'breaker_seconds'")
    yield made
    made.drop()


class Finisher(threading.Thread):
    """Plays executions on its own n8n connection until stopped; records each finishing
    transaction as (start on time.monotonic(), seconds)."""

    def __init__(self, pair: pairs.Pair, workflow_id: str) -> None:
        super().__init__(daemon=True)
        self.pair, self.workflow_id = pair, workflow_id
        self.stop = threading.Event()
        self.timings: list[tuple[float, float]] = []
        self.errors: list[BaseException] = []

    def run(self) -> None:
        try:
            with psycopg.connect(self.pair.n8n_dsn, autocommit=True) as conn:
                while not self.stop.is_set():
                    execution_id = n8n_writes.insert_new(conn, self.workflow_id)
                    n8n_writes.set_running(conn, execution_id)
                    started = time.monotonic()
                    self.timings.append((started, n8n_writes.finish(conn, execution_id, "success")))
                    time.sleep(0.05)
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.errors.append(exc)


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def test_dashboard_crash_loses_nothing_and_never_fails_n8n(pair: pairs.Pair) -> None:
    simulator = subprocess.Popen(
        [pairs.SAI_ETL_DEV, "simulate", "--rate", "20", "--count", "160", "--seed", "11"],
        env=pair.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    finishers = [Finisher(pair, workflow) for workflow in pairs.SAI_WORKFLOWS]
    for finisher in finishers:
        finisher.start()
    try:
        time.sleep(2.0)
        pair.dashboard_cluster.ctl("kill")
        down = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        pair.dashboard_cluster.ctl("start")
        up = time.monotonic()
        out, err = simulator.communicate(timeout=60)
    finally:
        for finisher in finishers:
            finisher.stop.set()
        for finisher in finishers:
            finisher.join(timeout=30)
        if simulator.poll() is None:
            simulator.kill()
            simulator.wait()
        pair.dashboard_cluster.ctl("start")
    assert simulator.returncode == 0, err
    assert [f.errors for f in finishers] == [[], []]

    timings = [t for f in finishers for t in f.timings]
    during = [seconds * 1000 for start, seconds in timings if down <= start <= up]
    outside = [seconds * 1000 for start, seconds in timings if not down <= start <= up]
    print(
        f"\nn8n finishing transaction, {len(during)} during the {OUTAGE_SECONDS:.0f} s outage: "
        f"median {statistics.median(during):.2f} ms, p99 {_p99(during):.2f} ms, "
        f"max {max(during):.2f} ms; {len(outside)} outside it: "
        f"median {statistics.median(outside):.2f} ms, p99 {_p99(outside):.2f} ms"
    )
    with psycopg.connect(pair.n8n_dsn) as n8n:
        (waiting,) = n8n.execute("SELECT count(*) FROM sai_etl.outbox").fetchone()
    assert waiting > 0, "the outage reached no execution: the test did not test anything"

    out = pair.sai_etl("sweep", timeout=60)
    print(out.strip(), f"({waiting} waited in the outbox)")

    with psycopg.connect(pair.n8n_dsn) as n8n:
        finished = n8n.execute(
            "SELECT id FROM execution_entity WHERE status IN ('success', 'error') ORDER BY id"
        ).fetchall()
        (left,) = n8n.execute("SELECT count(*) FROM sai_etl.outbox").fetchone()
    with psycopg.connect(pair.dashboard_dsn) as dash:
        recorded = dash.execute("SELECT id FROM executions ORDER BY id").fetchall()
        queued = dash.execute(
            "SELECT execution_id FROM etl_processing_queue ORDER BY execution_id"
        ).fetchall()
        sources = dict(
            dash.execute("SELECT ingest_source, count(*) FROM executions GROUP BY 1").fetchall()
        )
    print(f"dashboard rows by ingest source: {sources}")
    assert len(finished) >= 160
    assert recorded == finished
    assert queued == finished
    assert left == 0
