"""Acknowledging one finished job: complete, skip or fail its claim, and log what became of it."""

from __future__ import annotations

import time

import psycopg

from sai_etl.runner import claims
from sai_etl.runner.image_work import Outcome
from sai_etl.runner.inflight import Job
from sai_etl.runner.log import error_text, event


def _image_summary(outcome: Outcome) -> str:
    image = outcome.image
    if image is None:
        return "none"
    if not image["valid"]:
        return "invalid"
    return f"{image['format']} {image['width']}x{image['height']}"


def acknowledge(conn: psycopg.Connection, job: Job, outcome: Outcome) -> str:
    """What became of the item: completed, skipped, retry, failed, stale (the claim was no
    longer live) or dropped (the lease was lost while working). A broken connection raises."""
    item = job.item
    fields = {
        "queue_id": item.queue_id,
        "execution_id": item.execution_id,
        "attempt": item.attempt,
        "ms": round((time.monotonic() - job.claimed_at) * 1000),
    }
    if job.lost:
        event("dropped", "warning", **fields, reason="lease lost while working")
        return "dropped"
    try:
        if outcome.action == "complete":
            if claims.complete(conn, item, outcome.image):
                event("completed", **fields, image=_image_summary(outcome))
                return "completed"
            event("stale", "warning", **fields, reason="claim no longer live")
            return "stale"
        if outcome.action == "skip":
            name = "skipped" if claims.skip(conn, item, outcome.error or "source gone") else "stale"
            event(name, **fields, reason=outcome.error)
            return name
        error = outcome.error or "unknown error"
    except psycopg.Error as exc:
        if conn.broken or conn.closed:
            raise
        # The database refused the result itself (a bug): fail the item, keep going.
        error = f"recording the result failed: {error_text(exc)}"
    status = claims.fail(conn, item, error, outcome.retry)
    name = {"failed": "failed", "pending": "retry"}.get(status or "", "stale")
    event(name, "warning", **fields, error=error)
    return name
