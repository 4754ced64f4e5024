"""The Stage 2 queue API as the runner calls it: stored functions only, with explicit casts.

Every call is its own transaction (the runner's connections are in autocommit mode).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import class_row
from psycopg.types.json import Jsonb

# The channel etl_notify_stage2 notifies (sql/dashboard/00_common/20_etl_notify_stage2.sql).
CHANNEL = "sai_etl_stage2"
# sai-etl's SQLSTATE for "n8n unreachable": etl_claim raises it when n8n's database cannot be
# read through the dashboard's link (docs/guarantees-faults.md); nothing was claimed and no
# attempt spent.
N8N_UNREACHABLE = "SAI02"
# etl_claim's SQLSTATE when n8n's database refuses the read itself (class 42 behind the link).
REFUSED = "SAI03"


@dataclass(frozen=True)
class Claim:
    """One claimed item with its image locator (etl_claim's row)."""

    queue_id: int
    execution_id: int
    claim_token: UUID
    attempt: int
    image_source: str | None
    image_base64: str | None
    image_path: str | None
    image_bytes: bytes | None
    image_mime_type: str | None
    image_file_name: str | None
    image_reason: str | None  # why a frame n8n recorded cannot be handed over


@dataclass(frozen=True)
class Held:
    """What the runner keeps of a claim while its image is processed: no payload."""

    queue_id: int
    execution_id: int
    claim_token: UUID
    attempt: int


def held(claim: Claim) -> Held:
    return Held(claim.queue_id, claim.execution_id, claim.claim_token, claim.attempt)


def claim(conn: psycopg.Connection, worker: str, batch: int, lease: float) -> list[Claim]:
    """Two transactions: the items are taken and their attempt charged first (committed), then
    extracted. An extraction that kills the dashboard backend, on every try, still spends the
    item's attempts (its lease runs out, the reaper counts it) until it ends failed. A claim
    that raises with the connection intact hands back what it charged (attempts refunded)."""
    if not _one(
        conn,
        "SELECT etl_claim_charge(%s::text, %s::integer, %s::double precision)",
        [worker, batch, lease],
    ):
        return []
    try:
        with conn.cursor(row_factory=class_row(Claim)) as cur:
            cur.execute(
                "SELECT queue_id, execution_id, claim_token, attempt, image_source, image_base64, "
                "image_path, image_bytes, image_mime_type, image_file_name, image_reason "
                "FROM etl_claim(%s::text, %s::integer, %s::double precision)",
                [worker, batch, lease],
            )
            return cur.fetchall()
    except psycopg.Error:
        if not (conn.broken or conn.closed):
            _one(conn, "SELECT etl_claim_refund(%s::text)", [worker])
        raise


def refuses_read(conn: psycopg.Connection, exc: psycopg.Error) -> bool:
    """Whether a failed claim failed because n8n's database refuses the read (SAI03: a revoked
    grant, a renamed column or table): a systemic fault, pause."""
    return exc.sqlstate == REFUSED and not (conn.broken or conn.closed)


def pause(conn: psycopg.Connection, worker: str, reason: str | None) -> None:
    """Record that this runner paused for a systemic fault (reason), or resumed (None)."""
    conn.execute("SELECT etl_runner_pause(%s::text, %s::text)", [worker, reason])


def extract_bundle(conn: psycopg.Connection, item: Claim, bundle: str) -> Claim | None:
    """The claim with the image locator that etl_extract_claimed_bundle found in the text of
    the execution's bundle.json; None when the claim is no longer live."""
    row = conn.execute(
        "SELECT image_source, image_base64, image_path, image_bytes, image_mime_type, "
        "image_file_name, image_reason "
        "FROM etl_extract_claimed_bundle(%s::bigint, %s::uuid, %s::text)",
        [item.queue_id, item.claim_token, bundle],
    ).fetchone()
    if row is None:
        return None
    return replace(
        item,
        image_source=row[0],
        image_base64=row[1],
        image_path=row[2],
        image_bytes=row[3],
        image_mime_type=row[4],
        image_file_name=row[5],
        image_reason=row[6],
    )


def n8n_unreachable(conn: psycopg.Connection, exc: psycopg.Error) -> bool:
    """Whether a failed claim failed because n8n's database cannot be read (the runner's own
    connection is fine): back off and claim again later."""
    healthy = not (conn.broken or conn.closed)
    return healthy and exc.sqlstate == N8N_UNREACHABLE


def _one(conn: psycopg.Connection, query: str, params: Sequence[Any]) -> Any:
    row = conn.execute(query, params).fetchone()
    return row[0] if row else None


def complete(conn: psycopg.Connection, item: Held, image: dict[str, Any] | None) -> bool:
    """False: the claim is no longer live (lease lost), nothing was recorded."""
    return bool(
        _one(
            conn,
            "SELECT etl_complete(%s::bigint, %s::uuid, %s::jsonb)",
            [item.queue_id, item.claim_token, Jsonb(image) if image is not None else None],
        )
    )


def fail(conn: psycopg.Connection, item: Held, error: str, retry: bool) -> str | None:
    """The item's new status (pending or failed), or None when the claim is no longer live."""
    return _one(
        conn,
        "SELECT etl_fail(%s::bigint, %s::uuid, %s::text, %s::boolean)",
        [item.queue_id, item.claim_token, error, retry],
    )


def skip(conn: psycopg.Connection, item: Held, reason: str) -> bool:
    return bool(
        _one(
            conn,
            "SELECT etl_skip(%s::bigint, %s::uuid, %s::text)",
            [item.queue_id, item.claim_token, reason],
        )
    )


def release(conn: psycopg.Connection, items: Sequence[Held]) -> int:
    if not items:
        return 0
    return int(
        _one(
            conn,
            "SELECT etl_release(%s::bigint[], %s::uuid[])",
            [[i.queue_id for i in items], [i.claim_token for i in items]],
        )
    )


def renew(conn: psycopg.Connection, items: Sequence[Held], lease: float) -> set[int]:
    """Ids whose claims are still held (their leases now extended)."""
    rows = conn.execute(
        "SELECT id FROM etl_renew_leases(%s::bigint[], %s::uuid[], %s::double precision) AS id",
        [[i.queue_id for i in items], [i.claim_token for i in items], lease],
    ).fetchall()
    return {row[0] for row in rows}


def next_ready_in(conn: psycopg.Connection) -> float | None:
    """Seconds until the next item becomes claimable (0: now), None when nothing is waiting."""
    value = _one(conn, "SELECT etl_next_ready_in()", [])
    return None if value is None else max(0.0, float(value))


def heartbeat(conn: psycopg.Connection, worker: str, status: str | None) -> None:
    """The runner is alive (health's runner_silent alert reads it)."""
    conn.execute("SELECT etl_heartbeat(%s::text, %s::text)", [worker, status])
