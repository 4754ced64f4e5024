"""Stopping (SIGTERM, SIGINT, the end of --once): hand back what has not started at once, give
running images stop_seconds to finish, acknowledge them, hand back the rest."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable

import psycopg

from sai_etl.runner.connections import Connections
from sai_etl.runner.inflight import InFlight, Job


def drain(
    connections: Connections,
    work: InFlight,
    acknowledge: Callable[[], None],
    stop_seconds: float,
) -> int:
    """How many items went back to the queue. With the database gone nothing is handed back:
    the leases run out."""
    released = _release(connections, work, work.cancel_waiting())
    concurrent.futures.wait([job.future for job in work.jobs.values()], timeout=stop_seconds)
    work.collect()
    try:
        if connections.conn is not None:
            acknowledge()
    except psycopg.Error as exc:
        connections.lost_while_stopping(exc)
    return released + _release(connections, work, list(work.jobs.values()))


def _release(connections: Connections, work: InFlight, jobs: list[Job]) -> int:
    if connections.conn is None:
        return 0
    try:
        return work.release(connections.conn, jobs)
    except psycopg.Error as exc:
        connections.lost_while_stopping(exc)
        return 0
