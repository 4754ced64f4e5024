"""Lease renewal on a thread and a connection of its own: every third of a lease, extend the
claims in hand and learn which were lost.

The main loop's connection can be busy for long (a sweep waiting on a lock in n8n's database, a
slow claim extracting a batch); were renewal one of its turns, live leases would run out
meanwhile and another runner would take the items and do them again.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import psycopg

from sai_etl import db
from sai_etl.runner import claims
from sai_etl.runner.inflight import InFlight
from sai_etl.runner.log import error_text, event


class LeaseRenewer(threading.Thread):
    def __init__(
        self, dsn: str, work: InFlight, lease_seconds: float, wake: Callable[[], None]
    ) -> None:
        super().__init__(name="lease-renewer", daemon=True)
        self.dsn, self.work, self.lease_seconds, self.wake = dsn, work, lease_seconds, wake
        self.conn: psycopg.Connection | None = None
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.lease_seconds / 3):
            self.renew()

    def renew(self) -> None:
        """A lost claim's result is void: work not started is cancelled (the loop drops it),
        work started is marked lost (its outcome is logged, never recorded)."""
        live = [job for job in list(self.work.jobs.values()) if not job.lost]
        if not live:
            return
        try:
            if self.conn is None or self.conn.closed or self.conn.broken:
                self.conn = db.connect_service(self.dsn, "leases")
            kept = claims.renew(self.conn, [job.item for job in live], self.lease_seconds)
        except psycopg.Error as exc:
            # The main loop notices a dashboard outage on its own; try again next time.
            event("lease-renewal-failed", "warning", error=error_text(exc))
            self._close()
            return
        # A job with an outcome may have been acknowledged meanwhile (its lease ends with it);
        # were its lease really lost, the acknowledgement is refused as stale anyway.
        lost = [job for job in live if job.item.queue_id not in kept and job.outcome is None]
        for job in lost:
            job.lost = True
            started = not job.future.cancel()  # not started: never do the lost work
            event("lease-lost", "warning", queue_id=job.item.queue_id, started=started)
        if lost:
            self.wake()

    def stop(self) -> None:
        self._stopped.set()
        self.join(5)
        self._close()

    def _close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
            self.conn = None
