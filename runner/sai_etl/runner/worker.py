"""`sai-etl run`: the Stage 2 worker's main loop.

One thread owns both database connections (LISTEN, and claims/acknowledgements) and everything
that talks to systemd; a small pool of daemon threads does the image work (stage2.process) and
wakes the loop through a pipe when an item is done. The loop waits in select() on that pipe and
on the LISTEN socket, with a timeout that is the nearest of: the poll fallback, the moment
deferred work becomes claimable (etl_next_ready_in), lease renewal, the sweep, the watchdog.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import random
import select
import signal
import socket
import time
from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass
from types import FrameType

import psycopg

from sai_etl import db
from sai_etl.runner import claims, images, sdnotify, sweep
from sai_etl.runner.claims import Claim, Held
from sai_etl.runner.image_work import ImageContext, Outcome, process
from sai_etl.runner.listener import Listener
from sai_etl.runner.log import event
from sai_etl.runner.n8n_files import read_bundle
from sai_etl.runner.pool import DaemonPool

# Never look at the queue more often than this when it says work is due but none was claimable
# (rows locked by another runner's claim in progress).
MIN_RECHECK_SECONDS = 0.01
# etl_heartbeat interval; health's runner_silent alert fires after alert_runner_silent (1 minute).
HEARTBEAT_SECONDS = 10.0


@dataclass(frozen=True)
class RunOptions:
    dashboard_dsn: str
    n8n_dsn: str | None
    batch_size: int
    concurrency: int
    lease_seconds: float
    poll_seconds: float
    sweep_seconds: float
    stop_seconds: float
    once: bool = False
    once_wait_seconds: float = 10.0  # --once: how long to wait for deferred items


class Backoff:
    """Reconnect delays: 0.5 s doubling to 30 s, with jitter so that runners spread out."""

    def __init__(self, first: float = 0.5, cap: float = 30.0) -> None:
        self.first, self.cap, self.failures = first, cap, 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.first * 2**self.failures) * random.uniform(0.75, 1.0)
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


@dataclass
class _Job:
    item: Held
    future: Future[Outcome]
    claimed_at: float
    outcome: Outcome | None = None
    lost: bool = False  # a renewal found the claim gone: its result is void


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _image_summary(outcome: Outcome) -> str:
    image = outcome.image
    if image is None:
        return "none"
    if not image["valid"]:
        return "invalid"
    return f"{image['format']} {image['width']}x{image['height']}"


@dataclass
class _Timers:
    poll: float = 0.0
    sweep: float = 0.0
    renew: float = 0.0
    heartbeat: float = 0.0
    watchdog: float = 0.0
    reconnect: float = 0.0
    claim_after: float = 0.0  # n8n unreachable through the link: no claim before this
    probe: float = 0.0  # image root unwritable: next check_writable
    due: float | None = None  # when the queue said the next item becomes claimable
    once_idle: float | None = None  # --once: when the queue first had nothing claimable
    status: str = ""  # last STATUS sent to systemd


class Runner:
    def __init__(self, options: RunOptions, context: ImageContext) -> None:
        self.options = options
        self.context = context
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.pool = DaemonPool(options.concurrency, "image")
        self.jobs: dict[int, _Job] = {}  # queue_id -> job, in claim order
        self.conn: psycopg.Connection | None = None
        self.listener: Listener | None = None
        self.n8n: psycopg.Connection | None = None
        self.backoff = Backoff()
        # Claims while n8n's database cannot be read: a cheap failed connect each, so a short cap
        # (n8n restarts take seconds).
        self.link_backoff = Backoff(cap=10.0)
        self.n8n_down_since: float | None = None
        # The image root refused a file (full, read only, gone): no claims until a probe write
        # succeeds, so that a long disk outage does not spend every queued item's attempts.
        self.storage_backoff = Backoff(cap=10.0)
        self.storage_down_since: float | None = None
        self.probe: Future[None] | None = None
        self.timers = _Timers()
        self.look = True  # the queue may hold claimable work: claim without waiting
        self.stop_requested = False
        self.counts: Counter[str] = Counter()
        self.watchdog = sdnotify.watchdog_period()
        self._wake_r, self._wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    # -- lifecycle ---------------------------------------------------------------------------

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        event(
            "starting",
            worker=self.worker,
            batch=self.options.batch_size,
            concurrency=self.options.concurrency,
            lease=self.options.lease_seconds,
            once=self.options.once or None,
        )
        self._connect()
        sdnotify.notify("READY=1", f"STATUS={self._status()}")
        while not self.stop_requested:
            self._collect()
            self._check_storage()
            if self.conn is not None or time.monotonic() >= self.timers.reconnect:
                self._step()
            if self.options.once and self._once_finished():
                # Leave the health figures (the data quality rollup) current for whoever looks next.
                self._maintain()
                break
            self._tick()
            self._wait(self._timeout())
        return self._stop()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stop_requested = True
        self._wake()

    def _wake(self, _future: Future[Outcome] | None = None) -> None:
        with contextlib.suppress(BlockingIOError):  # a full pipe wakes the loop just as well
            os.write(self._wake_w, b"\0")

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> bool:
        listener = None
        try:
            listener = Listener(db.connect_service(self.options.dashboard_dsn, "listen"))
            conn = db.connect_service(self.options.dashboard_dsn, "run")
        except psycopg.Error as exc:
            if listener is not None:
                listener.close()
            if self.options.once:
                raise
            delay = self.backoff.next_delay()
            self.timers.reconnect = time.monotonic() + delay
            event("database-unreachable", "warning", error=_short(exc), retry_in=f"{delay:.1f}s")
            return False
        self.listener, self.conn = listener, conn
        self.backoff.reset()
        self.look = True  # notifications sent while we were away are lost
        self.timers.renew = 0.0  # renew at once what we hold, before anything else
        event("connected", worker=self.worker)
        return True

    def _disconnect(self, exc: psycopg.Error) -> None:
        for conn in (self.listener, self.conn):
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
        self.listener = self.conn = None
        if self.options.once:
            raise exc
        delay = self.backoff.next_delay()
        self.timers.reconnect = time.monotonic() + delay
        event("connection-lost", "warning", error=_short(exc), retry_in=f"{delay:.1f}s")

    # -- one turn of the loop ----------------------------------------------------------------

    def _step(self) -> None:
        if self.conn is None and not self._connect():
            return
        assert self.conn is not None and self.listener is not None
        try:
            if self.listener.drain():
                self.look = True
            self._acknowledge()
            now = time.monotonic()
            if self.jobs and now >= self.timers.renew:
                self._renew()
            if now >= self.timers.sweep:
                self._sweep()
            if now >= self.timers.heartbeat:
                claims.heartbeat(self.conn, self.worker, self._status())
                self.timers.heartbeat = now + HEARTBEAT_SECONDS
            if now >= self.timers.poll or (self.timers.due is not None and now >= self.timers.due):
                self.look = True
            if self.look and self._has_room() and now >= self.timers.claim_after:
                self._claim()
        except psycopg.Error as exc:
            self._disconnect(exc)

    def _has_room(self) -> bool:
        # Claim the next batch while the pool still has most of the current one: the claim
        # (the SQL extraction of a whole batch) then overlaps the image work instead of
        # idling the pool.
        limit = self.options.batch_size + self.options.concurrency
        return (
            not self.stop_requested and self.storage_down_since is None and len(self.jobs) < limit
        )

    def _claim(self) -> None:
        assert self.conn is not None
        want = self.options.batch_size
        lease = self.options.lease_seconds
        try:
            claimed: list[Claim] = claims.claim(self.conn, self.worker, want, lease)
        except psycopg.OperationalError as exc:
            if self.options.once or not claims.n8n_unreachable(self.conn, exc):
                raise
            self._n8n_unreachable(exc)
            return
        got = len(claimed)
        now = time.monotonic()
        if self.n8n_down_since is not None:
            event("n8n-reachable", after=f"{now - self.n8n_down_since:.1f}s")
            self.n8n_down_since = None
            self.link_backoff.reset()
        self.timers.poll = now + self.options.poll_seconds
        if not self.jobs:
            self.timers.renew = now + self.options.lease_seconds / 3
        for item in claimed:
            found = self._open_bundle(item) if item.image_source == "bundle" else item
            if found is None:
                continue
            if isinstance(found, Outcome):
                future: Future[Outcome] = Future()
                future.set_result(found)
                self._wake()
            else:
                future = self.pool.submit(process, found, self.context)
                future.add_done_callback(self._wake)
            self.jobs[item.queue_id] = _Job(claims.held(item), future, now)
        if got:
            self.timers.once_idle = None
        if got == want:
            self.look, self.timers.due = True, None  # more may be waiting
            return
        # Nothing more claimable now: sleep until the queue says something will be.
        self.look = False
        ready_in = claims.next_ready_in(self.conn)
        self.timers.due = None if ready_in is None else now + max(ready_in, MIN_RECHECK_SECONDS)

    def _open_bundle(self, item: Claim) -> Claim | Outcome | None:
        """n8n 2.x keeps this execution on its disk: read its bundle.json and hand the text to
        the SQL extraction (etl_extract_claimed_bundle); the claim as it would have come with
        the data in n8n's database, or how to end it. None: the claim is no longer live.
        A missing bundle is a gone source, an unreadable one a retryable fault, as for n8n's
        binary files."""
        assert self.conn is not None
        path = item.image_path or ""
        try:
            text = read_bundle(self.context.n8n_folders, path, self.context.limits)
        except FileNotFoundError:
            return Outcome("skip", error=f"n8n execution bundle missing: {path}")
        except images.InvalidImage as exc:
            return Outcome("fail", error=f"n8n execution bundle {path}: {exc.reason}", retry=False)
        except UnicodeDecodeError as exc:
            return Outcome("fail", error=f"n8n execution bundle {path}: {exc}", retry=False)
        except OSError as exc:
            return Outcome("fail", error=f"reading n8n execution bundle {path}: {_short(exc)}")
        try:
            return claims.extract_bundle(self.conn, item, text)
        except psycopg.Error as exc:
            if self.conn.broken or self.conn.closed:
                raise
            return Outcome("fail", error=f"extraction failed: {_short(exc)}")

    def _n8n_unreachable(self, exc: psycopg.Error) -> None:
        """The claim could not read n8n's database (nothing claimed, no attempt spent): keep
        acknowledging and renewing what is in hand, claim again after a backoff."""
        now = time.monotonic()
        if self.n8n_down_since is None:
            self.n8n_down_since = now
        delay = self.link_backoff.next_delay()
        self.timers.claim_after = now + delay
        self.look = True  # claim at once when the backoff is over
        event("n8n-unreachable", "warning", error=_short(exc), retry_in=f"{delay:.1f}s")

    def _storage_down(self, error: str) -> None:
        """The image root refused a file: stop claiming, hand back the claimed items no thread
        has started (their attempt refunded), and probe the root until it takes files again."""
        assert self.conn is not None
        self.storage_down_since = now = time.monotonic()
        delay = self.storage_backoff.next_delay()
        self.timers.probe = now + delay
        event("image-root-unwritable", "warning", error=error, retry_in=f"{delay:.1f}s")
        waiting = [job for job in self.jobs.values() if job.future.cancel()]
        for job in waiting:
            del self.jobs[job.item.queue_id]
        # Should this fail, their leases run out and they come back anyway.
        claims.release(self.conn, [job.item for job in waiting if not job.lost])

    def _check_storage(self) -> None:
        """Start a probe of the image root when one is due; take its result when it is done."""
        if self.storage_down_since is None:
            return
        now = time.monotonic()
        if self.probe is None:
            if now >= self.timers.probe and not self.stop_requested:
                # On a pool thread: a hung disk must not stop the loop (and its watchdog).
                self.probe = self.pool.submit(images.check_writable, self.context.image_dir)
                self.probe.add_done_callback(self._wake)
            return
        if not self.probe.done():
            return
        failure = self.probe.exception()
        self.probe = None
        if failure is None:
            event("image-root-writable", after=f"{now - self.storage_down_since:.1f}s")
            self.storage_down_since = None
            self.storage_backoff.reset()
            self.look = True
            return
        delay = self.storage_backoff.next_delay()
        self.timers.probe = now + delay
        event("image-root-unwritable", "warning", error=_short(failure), retry_in=f"{delay:.1f}s")

    def _collect(self) -> None:
        """Take the outcomes of finished image work (the pipe only says that some finished)."""
        with contextlib.suppress(BlockingIOError):
            while os.read(self._wake_r, 4096):
                pass
        for job in self.jobs.values():
            if job.outcome is None and job.future.done() and not job.future.cancelled():
                try:
                    job.outcome = job.future.result()
                except Exception as exc:  # a bug in the image path: retry, then failed
                    job.outcome = Outcome("fail", error=f"unexpected {type(exc).__name__}: {exc}")

    def _acknowledge(self) -> None:
        assert self.conn is not None
        acked = False
        storage_error = None
        for queue_id, job in list(self.jobs.items()):
            if job.outcome is None:
                continue
            self._ack(job, job.outcome)
            del self.jobs[queue_id]
            acked = True
            if job.outcome.storage:
                storage_error = job.outcome.error
        if storage_error is not None and self.storage_down_since is None:
            self._storage_down(storage_error)
        if acked and not self.jobs:
            self.look = True  # the last answer about the queue counted our own leases

    def _ack(self, job: _Job, outcome: Outcome) -> None:
        assert self.conn is not None
        item = job.item
        fields = {
            "queue_id": item.queue_id,
            "execution_id": item.execution_id,
            "attempt": item.attempt,
            "ms": round((time.monotonic() - job.claimed_at) * 1000),
        }
        if job.lost:
            self.counts["dropped"] += 1
            event("dropped", "warning", **fields, reason="lease lost while working")
            return
        try:
            if outcome.action == "complete":
                if claims.complete(self.conn, item, outcome.image):
                    self.counts["completed"] += 1
                    event("completed", **fields, image=_image_summary(outcome))
                else:
                    self.counts["stale"] += 1
                    event("stale", "warning", **fields, reason="claim no longer live")
                return
            if outcome.action == "skip":
                ok = claims.skip(self.conn, item, outcome.error or "source gone")
                self.counts["skipped" if ok else "stale"] += 1
                event("skipped" if ok else "stale", **fields, reason=outcome.error)
                return
            error = outcome.error or "unknown error"
        except psycopg.Error as exc:
            if self.conn.broken or self.conn.closed:
                raise
            # The database refused the result itself (a bug): fail the item, keep going.
            error = f"recording the result failed: {_short(exc)}"
        status = claims.fail(self.conn, item, error, outcome.retry)
        name = {"failed": "failed", "pending": "retry"}.get(status or "", "stale")
        self.counts[name] += 1
        event(name, "warning", **fields, error=error)
        if status == "pending":
            self.look = True  # learn when it comes back (etl_next_ready_in after a short claim)

    def _renew(self) -> None:
        assert self.conn is not None
        live = [job for job in self.jobs.values() if not job.lost]
        kept = claims.renew(self.conn, [job.item for job in live], self.options.lease_seconds)
        for job in live:
            if job.item.queue_id not in kept:
                job.lost = True
                started = not job.future.cancel()  # not started: never do the lost work
                if not started:
                    del self.jobs[job.item.queue_id]
                event("lease-lost", "warning", queue_id=job.item.queue_id, started=started)
        self.timers.renew = time.monotonic() + self.options.lease_seconds / 3

    def _sweep(self) -> None:
        """Stage 1's safety net and the housekeeping after it; their failures are logged, never
        fatal to Stage 2."""
        assert self.conn is not None
        self.timers.sweep = time.monotonic() + self.options.sweep_seconds
        try:
            if self.options.n8n_dsn and (self.n8n is None or self.n8n.closed):
                self.n8n = db.connect_service(self.options.n8n_dsn, "sweep")
            result = sweep.sweep(self.n8n, self.conn)
        except psycopg.Error as exc:
            self._sweep_failed("sweep-failed", exc)
            if self.n8n is not None:
                with contextlib.suppress(Exception):
                    self.n8n.close()
                self.n8n = None
        else:
            if result.outbox_drained or result.reconciled:
                self.look = True
                event("swept", outbox_drained=result.outbox_drained, reconciled=result.reconciled)
        self._maintain()

    def _maintain(self) -> None:
        assert self.conn is not None
        try:
            done = sweep.maintenance(self.conn)
        except psycopg.Error as exc:
            self._sweep_failed("maintenance-failed", exc)
            return
        if done.pruned or done.heartbeats_pruned:
            event("maintenance", pruned=done.pruned, heartbeats_pruned=done.heartbeats_pruned)

    def _sweep_failed(self, name: str, exc: psycopg.Error) -> None:
        assert self.conn is not None
        if self.conn.broken or self.conn.closed:
            raise exc
        event(name, "warning", error=_short(exc))

    def _once_finished(self) -> bool:
        """--once: nothing in hand and nothing claimable within the wait bound, or the image
        root refuses files (the failed items wait in the queue with their error)."""
        if self.conn is not None and not self.jobs and self.storage_down_since is not None:
            event("not-waiting", reason="image root not writable")
            return True
        if self.conn is None or self.jobs or self.look:
            return False
        now = time.monotonic()
        if self.timers.once_idle is None:
            self.timers.once_idle = now
        due = self.timers.due
        if due is not None and due <= self.timers.once_idle + self.options.once_wait_seconds:
            return False
        if due is not None:
            event("not-waiting", next_claimable_in=f"{due - now:.1f}s")
        return True

    # -- waiting, systemd --------------------------------------------------------------------

    def _status(self) -> str:
        if self.conn is None:
            state = "; waiting for the database"
        elif self.n8n_down_since is not None:
            state = "; n8n's database unreachable"
        else:
            state = ""
        if self.storage_down_since is not None:
            state += "; image root not writable"
        return (
            f"{self.counts['completed']} completed, {self.counts['failed']} failed, "
            f"{self.counts['skipped']} skipped, {len(self.jobs)} in flight{state}"
        )

    def _tick(self) -> None:
        """Watchdog and status, from this loop only: a hung loop must stop the pings."""
        now = time.monotonic()
        if self.watchdog is not None and now >= self.timers.watchdog:
            sdnotify.notify("WATCHDOG=1")
            self.timers.watchdog = now + self.watchdog
        status = self._status()
        if status != self.timers.status:
            sdnotify.notify(f"STATUS={status}")
            self.timers.status = status

    def _timeout(self) -> float:
        now = time.monotonic()
        if self.stop_requested:
            return 0.0
        moments: list[float] = []
        if self.conn is None:
            moments.append(self.timers.reconnect)
        else:
            if any(job.outcome is not None for job in self.jobs.values()):
                return 0.0
            if self._has_room():
                if self.timers.claim_after > now:  # backing off: no claim before then
                    moments.append(self.timers.claim_after)
                elif self.look:
                    return 0.0
                else:
                    moments.append(self.timers.poll)
                    if self.timers.due is not None:
                        moments.append(self.timers.due)
            moments += [self.timers.sweep, self.timers.heartbeat]
            if self.jobs:
                moments.append(self.timers.renew)
        if self.storage_down_since is not None and self.probe is None:
            moments.append(self.timers.probe)
        if self.watchdog is not None:
            moments.append(self.timers.watchdog)
        return max(0.0, min(moments) - now)

    def _wait(self, timeout: float) -> None:
        sources = [self._wake_r]
        if self.listener is not None:
            sources.append(self.listener.fileno())
        select.select(sources, [], [], timeout)

    # -- stopping ----------------------------------------------------------------------------

    def _stop(self) -> int:
        """Release what has not started at once, give running images stop_seconds to finish,
        acknowledge them, release the rest, exit 0 (a dead database: the leases run out)."""
        sdnotify.notify("STOPPING=1", "STATUS=stopping")
        event("stopping", in_flight=len(self.jobs))
        queued = [job for job in self.jobs.values() if job.future.cancel()]
        released = self._release(queued)
        running = [job.future for job in self.jobs.values() if not job.future.cancelled()]
        concurrent.futures.wait(running, timeout=self.options.stop_seconds)
        self._collect()
        try:
            if self.conn is not None:
                self._acknowledge()
        except psycopg.Error as exc:
            self._disconnect_quietly(exc)
        unfinished = [job for job in self.jobs.values() if not job.future.cancelled()]
        released += self._release(unfinished)
        if self.conn is not None:
            with contextlib.suppress(psycopg.Error):
                claims.heartbeat(self.conn, self.worker, "stopped")
        if self.probe is not None:
            self.probe.cancel()
        self.pool.close()
        for conn in (self.listener, self.conn, self.n8n):
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
        event(
            "stopped",
            completed=self.counts["completed"],
            failed=self.counts["failed"],
            skipped=self.counts["skipped"],
            released=released,
        )
        return 0

    def _release(self, jobs: list[_Job]) -> int:
        items = [job.item for job in jobs if not job.lost]
        if not items or self.conn is None:
            return 0
        try:
            count = claims.release(self.conn, items)
        except psycopg.Error as exc:
            self._disconnect_quietly(exc)
            return 0
        for job in jobs:
            self.jobs.pop(job.item.queue_id, None)
        return count

    def _disconnect_quietly(self, exc: psycopg.Error) -> None:
        event("stopping-without-database", "warning", error=_short(exc))
        for conn in (self.listener, self.conn):
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
        self.listener = self.conn = None
