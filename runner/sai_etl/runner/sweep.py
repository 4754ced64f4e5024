"""The Stage 1 sweep: drain n8n's outbox into the dashboard, then reconcile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import psycopg


@dataclass(frozen=True)
class Maintenance:
    """What etl_maintenance() did; all None when another session was doing it."""

    pruned: int | None
    quality_days: int | None
    heartbeats_pruned: int | None


@dataclass(frozen=True)
class SweepResult:
    outbox_drained: int
    reconciled: int


def drain_outbox(n8n: psycopg.Connection) -> int:
    """Deliver every outbox row, batch by batch, until the outbox is empty or delivery fails."""
    total = 0
    while True:
        (done,) = n8n.execute("SELECT sai_etl.drain_outbox()").fetchone()
        total += done
        (left,) = n8n.execute("SELECT count(*) FROM sai_etl.outbox").fetchone()
        if done == 0 or left == 0:
            return total


def sweep(
    n8n: psycopg.Connection | None,
    dashboard: psycopg.Connection,
    window: timedelta | None = None,
) -> SweepResult:
    """One sweep. Without an n8n connection only the reconcile runs (it reads n8n through the
    dashboard's postgres_fdw link)."""
    drained = drain_outbox(n8n) if n8n is not None else 0
    row = dashboard.execute(
        "SELECT outbox_drained, reconciled FROM etl_sweep(%s::integer, %s::interval)",
        [drained, window],
    ).fetchone()
    return SweepResult(outbox_drained=row[0], reconciled=row[1])


def maintenance(dashboard: psycopg.Connection) -> Maintenance:
    """The housekeeping that follows a sweep: queue pruning, data quality, old heartbeats."""
    row = dashboard.execute(
        "SELECT pruned, quality_days, heartbeats_pruned FROM etl_maintenance()"
    ).fetchone()
    return Maintenance(*row)
