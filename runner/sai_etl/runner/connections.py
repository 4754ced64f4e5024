"""The runner's two dashboard connections: LISTEN, and the one for claims and acknowledgements.

They are lost together and opened again together, after a back-off (libpq does not reconnect).
"""

from __future__ import annotations

import contextlib
import time

import psycopg

from sai_etl import db
from sai_etl.runner.listener import Listener
from sai_etl.runner.log import error_text, event
from sai_etl.runner.outage import Backoff


class Connections:
    def __init__(self, dsn: str, worker: str, once: bool) -> None:
        self.dsn, self.worker = dsn, worker
        self.once = once  # --once: a database error ends the run instead of a reconnect
        self.listener: Listener | None = None
        self.conn: psycopg.Connection | None = None
        self.backoff = Backoff()
        self.reconnect_at = 0.0

    def open(self) -> bool:
        """Both connections, or a back-off before the next try (False)."""
        listener = None
        try:
            listener = Listener(db.connect_service(self.dsn, "listen"))
            conn = db.connect_service(self.dsn, "run")
        except psycopg.Error as exc:
            if listener is not None:
                listener.close()
            if self.once:
                raise
            self._retry_later("database-unreachable", exc)
            return False
        self.listener, self.conn = listener, conn
        self.backoff.reset()
        event("connected", worker=self.worker)
        return True

    def lost(self, exc: psycopg.Error) -> None:
        """A call failed on a connection: close both, open them again after a back-off."""
        self.close()
        if self.once:
            raise exc
        self._retry_later("connection-lost", exc)

    def lost_while_stopping(self, exc: psycopg.Error) -> None:
        event("stopping-without-database", "warning", error=error_text(exc))
        self.close()

    def close(self) -> None:
        for conn in (self.listener, self.conn):
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
        self.listener = self.conn = None

    def _retry_later(self, name: str, exc: psycopg.Error) -> None:
        delay = self.backoff.next_delay()
        self.reconnect_at = time.monotonic() + delay
        event(name, "warning", error=error_text(exc), retry_in=f"{delay:.1f}s")
