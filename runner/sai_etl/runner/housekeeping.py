"""The periodic sweep (Stage 1's safety net: outbox drain, reconcile) and the maintenance after
it (the dashboard's housekeeping, then image retention and the image root's disk report). Their
failures are logged, never fatal to Stage 2."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import psycopg

from sai_etl import db
from sai_etl.runner import retention, sweep
from sai_etl.runner.log import error_text, event


class Housekeeping:
    def __init__(self, n8n_dsn: str | None, every_seconds: float, image_dir: Path) -> None:
        self.n8n_dsn, self.every, self.image_dir = n8n_dsn, every_seconds, image_dir
        self.n8n: psycopg.Connection | None = None  # for the outbox drain
        self.next_at = 0.0

    def sweep(self, conn: psycopg.Connection) -> bool:
        """Sweep, then maintain; True when the sweep queued work."""
        self.next_at = time.monotonic() + self.every
        found = False
        try:
            if self.n8n_dsn and (self.n8n is None or self.n8n.closed):
                self.n8n = db.connect_service(self.n8n_dsn, "sweep")
            result = sweep.sweep(self.n8n, conn)
        except psycopg.Error as exc:
            _failed(conn, "sweep-failed", exc)
            self.close()
        else:
            if result.outbox_drained or result.reconciled:
                found = True
                event("swept", outbox_drained=result.outbox_drained, reconciled=result.reconciled)
        self.maintain(conn)
        return found

    def maintain(self, conn: psycopg.Connection) -> None:
        try:
            done = sweep.maintenance(conn)
        except psycopg.Error as exc:
            _failed(conn, "maintenance-failed", exc)
            return
        if done.pruned or done.heartbeats_pruned:
            event("maintenance", pruned=done.pruned, heartbeats_pruned=done.heartbeats_pruned)
        retention.maintain(conn, self.image_dir)

    def close(self) -> None:
        if self.n8n is not None:
            with contextlib.suppress(Exception):
                self.n8n.close()
            self.n8n = None


def _failed(conn: psycopg.Connection, name: str, exc: psycopg.Error) -> None:
    """Log a failed step, unless the runner's own connection broke (the loop reconnects)."""
    if conn.broken or conn.closed:
        raise exc
    event(name, "warning", error=error_text(exc))
