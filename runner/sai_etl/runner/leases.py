"""Lease renewal: every third of a lease, extend the claims in hand, and learn which were lost."""

from __future__ import annotations

import psycopg

from sai_etl.runner import claims
from sai_etl.runner.inflight import InFlight
from sai_etl.runner.log import event


def renew(conn: psycopg.Connection, work: InFlight, lease_seconds: float) -> None:
    """A lost claim's result is void: work not started is dropped, work started is marked lost
    (its outcome is logged, never recorded)."""
    live = [job for job in work.jobs.values() if not job.lost]
    kept = claims.renew(conn, [job.item for job in live], lease_seconds)
    for job in live:
        if job.item.queue_id not in kept:
            job.lost = True
            started = not job.future.cancel()  # not started: never do the lost work
            if not started:
                work.forget(job)
            event("lease-lost", "warning", queue_id=job.item.queue_id, started=started)
