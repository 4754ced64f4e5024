"""`sai-etl run`: the Stage 2 worker's main loop.

One thread owns both database connections (LISTEN, and claims/acknowledgements) and everything
that talks to systemd; a small pool of daemon threads does the image work (image_work.process)
and wakes the loop through a pipe when an item is done. The loop waits in select() on that pipe
and on the LISTEN socket, with a timeout that is the nearest of: the poll fallback, the moment
deferred work becomes claimable (etl_next_ready_in), lease renewal, the sweep, the watchdog.

Its parts: connections.py (reconnects), inflight.py (the items in hand), acknowledge.py,
leases.py (renewal, on a thread and connection of its own), housekeeping.py (the sweep),
outage.py (n8n unreachable, image_root.py: the image root refusing files), systemic.py (pauses
for faults no item causes), stopping.py.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import time
from collections import Counter
from concurrent.futures import Future
from types import FrameType
from typing import Any

import psycopg

from sai_etl.config import Settings
from sai_etl.runner import bundles, claims, sdnotify, stopping
from sai_etl.runner.acknowledge import acknowledge
from sai_etl.runner.connections import Connections
from sai_etl.runner.housekeeping import Housekeeping
from sai_etl.runner.image_root import ImageRootWatch
from sai_etl.runner.image_work import ImageContext
from sai_etl.runner.inflight import InFlight
from sai_etl.runner.leases import LeaseRenewer
from sai_etl.runner.log import error_text, event
from sai_etl.runner.outage import Outage
from sai_etl.runner.systemic import SystemicPause

# Never look at the queue more often than this when it says work is due but none was claimable
# (rows locked by another runner's claim in progress).
MIN_RECHECK_SECONDS = 0.01
# etl_heartbeat interval; health's runner_silent alert fires after alert_runner_silent (1 minute).
HEARTBEAT_SECONDS = 10.0


class Runner:
    def __init__(
        self,
        settings: Settings,
        context: ImageContext,
        once: bool,
        once_wait_seconds: float,  # --once: how long to wait for deferred items
    ) -> None:
        self.settings, self.context = settings, context
        self.once, self.once_wait_seconds = once, once_wait_seconds
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.db = Connections(settings.dashboard_dsn, self.worker, once)
        self.work = InFlight(settings.concurrency, self._wake)
        self.housekeeping = Housekeeping(
            settings.n8n_dsn, settings.sweep_seconds, context.image_dir
        )
        # Claims while n8n's database cannot be read: a cheap failed connect each.
        self.n8n = Outage("n8n-unreachable", "n8n-reachable")
        self.image_root = ImageRootWatch(context.image_dir)
        # n8n refusing the read, or its binary-data folder gone: claims pause (systemic.py).
        self.systemic = SystemicPause(self.worker, context.n8n_folders)
        self.pings = sdnotify.Pings()
        self.look = True  # the queue may hold claimable work: claim without waiting
        self.poll_at = 0.0
        self.due: float | None = None  # when the queue said the next item becomes claimable
        self.renewer = LeaseRenewer(
            settings.dashboard_dsn, self.work, settings.lease_seconds, self._wake
        )
        self.heartbeat_at = 0.0
        # After a claim whose backend died: claim one item at a time until then, so that an
        # item that kills its backend costs only itself attempts, not a whole batch each time.
        self.single_until = 0.0
        self.once_idle: float | None = None  # --once: when the queue first had nothing claimable
        self.stop_requested = False
        self.counts: Counter[str] = Counter()
        self._wake_r, self._wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        event(
            "starting",
            worker=self.worker,
            batch=self.settings.batch_size,
            concurrency=self.settings.concurrency,
            lease=self.settings.lease_seconds,
            once=self.once or None,
        )
        self._connect()
        self.renewer.start()
        sdnotify.notify("READY=1", f"STATUS={self._status()}")
        while not self.stop_requested:
            self._collect()
            if self.image_root.check(self.work, self.stop_requested):
                self.look = True
            if self.db.conn is not None or time.monotonic() >= self.db.reconnect_at:
                self._step()
            if self.once and self._once_finished():
                # Leave the health figures (the data quality rollup) current for whoever looks next.
                assert self.db.conn is not None
                self.housekeeping.maintain(self.db.conn)
                break
            self.pings.tick(time.monotonic(), self._status())
            self._wait(self._timeout())
        return self._stop()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stop_requested = True
        self._wake()

    def _wake(self, _future: Future[Any] | None = None) -> None:
        with contextlib.suppress(BlockingIOError):  # a full pipe wakes the loop just as well
            os.write(self._wake_w, b"\0")

    def _connect(self) -> bool:
        if not self.db.open():
            return False
        self.look = True  # notifications sent while we were away are lost
        return True

    # -- one turn of the loop ----------------------------------------------------------------

    def _step(self) -> None:
        if self.db.conn is None and not self._connect():
            return
        conn, listener = self.db.conn, self.db.listener
        assert conn is not None and listener is not None
        try:
            if listener.drain():
                self.look = True
            self._acknowledge()
            now = time.monotonic()
            self._end_hung(conn, now)
            if now >= self.housekeeping.next_at and self.housekeeping.sweep(conn):
                self.look = True
            if now >= self.heartbeat_at:
                claims.heartbeat(conn, self.worker, self._status())
                self.heartbeat_at = now + HEARTBEAT_SECONDS
            if now >= self.poll_at or (self.due is not None and now >= self.due):
                self.look = True
            if (
                self.look
                and self._has_room()
                and now >= self.n8n.retry_at
                and self.systemic.may_claim(conn)
            ):
                self._claim(conn)
        except psycopg.Error as exc:
            self.db.lost(exc)

    def _has_room(self) -> bool:
        # Claim the next batch while the pool still has most of the current one: the claim
        # (the SQL extraction of a whole batch) then overlaps the image work instead of
        # idling the pool.
        limit = self.settings.batch_size + self.settings.concurrency
        return not self.stop_requested and not self.image_root.down and len(self.work) < limit

    def _claim(self, conn: psycopg.Connection) -> None:
        want = self.settings.batch_size if time.monotonic() >= self.single_until else 1
        try:
            claimed = claims.claim(conn, self.worker, want, self.settings.lease_seconds)
        except psycopg.Error as exc:
            if conn.broken or conn.closed:
                # Its charged items come back when their lease runs out (one attempt spent
                # each); one of them may be what killed the backend.
                self.single_until = time.monotonic() + 2 * self.settings.lease_seconds
                event("claim-died", "warning", error=error_text(exc), batch=want)
            if self.once:
                raise
            # Nothing claimed, no attempt spent: keep acknowledging and renewing what is in
            # hand, claim again after the back-off (at once then).
            if claims.n8n_unreachable(conn, exc):
                self.n8n.failed(error_text(exc))
            elif claims.refuses_read(conn, exc):
                self.systemic.failed(conn, "claim", exc.diag.message_primary or error_text(exc))
            else:
                raise
            self.look = True
            return
        now = time.monotonic()
        self.n8n.recovered()
        self.systemic.resumed(conn)
        self.poll_at = now + self.settings.poll_seconds
        ready, answered = bundles.resolve(conn, claimed, self.context)
        self.work.start(ready, self.context, now)
        self.work.settle(answered, now)
        if claimed:
            self.once_idle = None
        if len(claimed) == want:
            self.look, self.due = True, None  # more may be waiting
            return
        # Nothing more claimable now: sleep until the queue says something will be.
        self.look = False
        ready_in = claims.next_ready_in(conn)
        self.due = None if ready_in is None else now + max(ready_in, MIN_RECHECK_SECONDS)

    def _end_hung(self, conn: psycopg.Connection, now: float) -> None:
        """Image work past its deadline ends as a failed attempt with its reason; the item's
        lease is no longer renewed and the thread's late result is ignored."""
        deadline = self.settings.image_deadline_seconds
        for job in self.work.overdue(deadline, now):
            self.work.abandon(job)
            error = f"image work still running after {deadline:g} s (hung read or decode): given up"
            status = claims.fail(conn, job.item, error, True)
            event(
                "image-work-hung",
                "warning",
                queue_id=job.item.queue_id,
                execution_id=job.item.execution_id,
                status=status,
            )
            self.look = True

    def _collect(self) -> None:
        """The pipe only says that some image work finished: take the outcomes."""
        with contextlib.suppress(BlockingIOError):
            while os.read(self._wake_r, 4096):
                pass
        self.work.collect()

    def _acknowledge(self) -> None:
        conn = self.db.conn
        assert conn is not None
        storage_error = source_error = None
        answered = self.work.answered()
        for job in answered:
            assert job.outcome is not None
            if job.outcome.source_down:
                # n8n's folder, not the item: hand it back, its attempt refunded.
                source_error = job.outcome.error
                self.work.release(conn, [job])
                continue
            name = acknowledge(conn, job, job.outcome)
            self.work.forget(job)
            self.counts[name] += 1
            if name == "retry":
                self.look = True  # learn when it comes back (etl_next_ready_in after a claim)
            if job.outcome.storage:
                storage_error = job.outcome.error
        if storage_error is not None and not self.image_root.down:
            # Stop claiming, hand back what no thread has started (its attempt refunded).
            # Should the release fail, their leases run out and they come back anyway.
            self.image_root.outage.failed(storage_error)
            self.work.release(conn, self.work.cancel_waiting())
        if source_error is not None:
            self.systemic.failed(conn, "storage", source_error)
            self.work.release(conn, self.work.cancel_waiting())
        if answered and not self.work.jobs:
            self.look = True  # the last answer about the queue counted our own leases

    def _once_finished(self) -> bool:
        """--once: nothing in hand and nothing claimable within the wait bound, or the image
        root refuses files (the failed items wait in the queue with their error), or a
        systemic fault paused claiming (the items wait, attempts refunded)."""
        if self.db.conn is not None and not self.work.jobs and self.image_root.down:
            event("not-waiting", reason="image root not writable")
            return True
        if self.db.conn is not None and not self.work.jobs and self.systemic.down:
            event("not-waiting", reason="paused by a systemic fault")
            return True
        if self.db.conn is None or self.work.jobs or self.look:
            return False
        now = time.monotonic()
        if self.once_idle is None:
            self.once_idle = now
        if self.due is not None and self.due <= self.once_idle + self.once_wait_seconds:
            return False
        if self.due is not None:
            event("not-waiting", next_claimable_in=f"{self.due - now:.1f}s")
        return True

    # -- waiting, systemd --------------------------------------------------------------------

    def _status(self) -> str:
        if self.db.conn is None:
            state = "; waiting for the database"
        elif self.n8n.down:
            state = "; n8n's database unreachable"
        else:
            state = ""
        if self.image_root.down:
            state += "; image root not writable"
        if self.systemic.down:
            state += "; paused by a systemic fault"
        return (
            f"{self.counts['completed']} completed, {self.counts['failed']} failed, "
            f"{self.counts['skipped']} skipped, {len(self.work)} in flight{state}"
        )

    def _timeout(self) -> float:
        now = time.monotonic()
        if self.stop_requested:
            return 0.0
        moments: list[float | None] = [self.image_root.next_probe(), self.pings.next_at()]
        if self.db.conn is None:
            moments.append(self.db.reconnect_at)
        else:
            if self.work.answered():
                return 0.0
            if self._has_room():
                if max(self.n8n.retry_at, self.systemic.retry_at) > now:  # backing off
                    moments.append(max(self.n8n.retry_at, self.systemic.retry_at))
                elif self.look:
                    return 0.0
                else:
                    moments += [self.poll_at, self.due]
            moments += [self.housekeeping.next_at, self.heartbeat_at]
        return max(0.0, min(m for m in moments if m is not None) - now)

    def _wait(self, timeout: float) -> None:
        sources = [self._wake_r]
        if self.db.listener is not None:
            sources.append(self.db.listener.fileno())
        select.select(sources, [], [], timeout)

    def _stop(self) -> int:
        """Drain (stopping.py), exit 0."""
        sdnotify.notify("STOPPING=1", "STATUS=stopping")
        event("stopping", in_flight=len(self.work))
        released = stopping.drain(self.db, self.work, self._acknowledge, self.settings.stop_seconds)
        if self.db.conn is not None:
            with contextlib.suppress(psycopg.Error):
                claims.heartbeat(self.db.conn, self.worker, "stopped")
        self.renewer.stop()
        self.image_root.close()
        self.work.close()
        self.db.close()
        self.housekeeping.close()
        event(
            "stopped",
            completed=self.counts["completed"],
            failed=self.counts["failed"],
            skipped=self.counts["skipped"],
            released=released,
        )
        return 0
