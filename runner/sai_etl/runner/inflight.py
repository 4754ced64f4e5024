"""The claimed items in hand, in claim order, and the daemon threads that do their image work.

Every finished future wakes the main loop (the `wake` callback); the loop then collects the
outcomes and acknowledges them on its own connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import psycopg

from sai_etl.runner import claims
from sai_etl.runner.claims import Claim, Held
from sai_etl.runner.image_work import ImageContext, Outcome, process
from sai_etl.runner.pool import DaemonPool


@dataclass
class Job:
    item: Held
    future: Future[Outcome]
    claimed_at: float
    outcome: Outcome | None = None
    lost: bool = False  # a renewal found the claim gone: its result is void
    started_at: float | None = None  # when a thread began the image work (time.monotonic)


class InFlight:
    def __init__(self, concurrency: int, wake: Callable[[Future[Any]], None]) -> None:
        self.pool = DaemonPool(concurrency, "image")
        self.jobs: dict[int, Job] = {}  # queue_id -> job, in claim order
        self._wake = wake

    def __len__(self) -> int:
        return len(self.jobs)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run fn(*args) on a pool thread; the loop wakes when it is done."""
        future = self.pool.submit(fn, *args)
        future.add_done_callback(self._wake)
        return future

    def start(self, claimed: list[Claim], context: ImageContext, now: float) -> None:
        for item in claimed:
            future = self.submit(self._work, item, context)
            self.jobs[item.queue_id] = Job(claims.held(item), future, now)

    def settle(self, answered: list[tuple[Claim, Outcome]], now: float) -> None:
        """Claims whose outcome is known without image work (a bundle missing or unreadable)."""
        for item, outcome in answered:
            future: Future[Outcome] = Future()
            future.set_result(outcome)
            self.jobs[item.queue_id] = Job(claims.held(item), future, now, outcome)
            self._wake(future)

    def _work(self, item: Claim, context: ImageContext) -> Outcome:
        job = self.jobs.get(item.queue_id)
        if job is not None:
            job.started_at = time.monotonic()
        return process(item, context)

    def overdue(self, deadline: float, now: float) -> list[Job]:
        """Jobs whose image work has run longer than deadline seconds (a hung decode or read)."""
        return [
            job
            for job in self.jobs.values()
            if job.outcome is None
            and job.started_at is not None
            and now - job.started_at > deadline
        ]

    def abandon(self, job: Job) -> None:
        """Give up a hung job: out of hand (never renewed, its late result ignored), and a
        stand-in thread takes its thread's place."""
        job.lost = True
        self.forget(job)
        self.pool.replace_stuck()

    def collect(self) -> None:
        """Take the outcomes of finished image work; drop lost jobs that never started."""
        for job in [j for j in self.jobs.values() if j.lost and j.future.cancelled()]:
            self.forget(job)
        for job in self.jobs.values():
            if job.outcome is None and job.future.done() and not job.future.cancelled():
                try:
                    job.outcome = job.future.result()
                except Exception as exc:  # a bug in the image path: retry, then failed
                    job.outcome = Outcome("fail", error=f"unexpected {type(exc).__name__}: {exc}")

    def answered(self) -> list[Job]:
        """The jobs with an outcome to acknowledge (they stay in hand until forgotten)."""
        return [job for job in self.jobs.values() if job.outcome is not None]

    def forget(self, job: Job) -> None:
        self.jobs.pop(job.item.queue_id, None)

    def cancel_waiting(self) -> list[Job]:
        """Take back the jobs no thread has started; they are no longer in hand."""
        waiting = [job for job in self.jobs.values() if job.future.cancel()]
        for job in waiting:
            self.forget(job)
        return waiting

    def release(self, conn: psycopg.Connection, jobs: list[Job]) -> int:
        """Hand the jobs' items back to the queue (their attempt refunded), unless a lease was
        lost; how many the queue took back."""
        items = [job.item for job in jobs if not job.lost]
        if not items:
            return 0
        count = claims.release(conn, items)
        for job in jobs:
            self.forget(job)
        return count

    def close(self) -> None:
        self.pool.close()
