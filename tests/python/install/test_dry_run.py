"""--dry-run of backfill, retry and reprocess: each says what it would touch, read from the same
selection as the real command, and changes nothing (checked against the rows before and after)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from support import pairs

QUEUE = "SELECT execution_id, status, attempts, priority FROM etl_processing_queue ORDER BY 1"


def _rows(dsn: str, query: str) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture(scope="module")
def pair() -> Iterator[pairs.Pair]:
    """A fresh pair whose n8n has only its schema (the fixtures bring their own workflows)."""
    made = pairs.new_pair("dry_run", workflows=False)
    yield made
    made.drop()


def test_dry_runs_report_and_change_nothing(pair: pairs.Pair) -> None:
    # The 18 real executions, written past the trigger: only a backfill brings them over.
    pairs.run(
        [
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            pair.n8n_db,
            "-f",
            str(pairs.FIXTURES / "executions.sql"),
        ],
        env={**pair.n8n_cluster.env(), "PGOPTIONS": "-c session_replication_role=replica"},
    )
    out = pair.sai_etl("backfill", "--since", "20000d", "--dry-run")
    assert "would add 17 of 17 finished executions" in out
    assert _rows(pair.dashboard_dsn, "SELECT count(*) FROM executions") == [(0,)]

    assert "17 added" in pair.sai_etl("backfill", "--since", "20000d")
    assert "would add 0 of 17" in pair.sai_etl("backfill", "--since", "20000d", "--dry-run")

    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as conn:
        conn.execute(
            "UPDATE etl_processing_queue SET status = 'failed', attempts = 5, "
            "completed_at = now(), last_error = 'boom' WHERE execution_id IN (2, 3)"
        )
    before = _rows(pair.dashboard_dsn, QUEUE)

    out = pair.sai_etl("retry", "--dry-run")
    assert out.splitlines() == [
        "would reopen 2 failed items",
        "  2\t5 attempts\tboom",
        "  3\t5 attempts\tboom",
    ]
    out = pair.sai_etl("reprocess", "--since", "20000d", "--dry-run", "3", "4")
    assert out.splitlines()[0] == "would requeue 1 item for Stage 2"
    assert out.splitlines()[1].startswith("  3\tfailed\tfinished ")
    assert _rows(pair.dashboard_dsn, QUEUE) == before
    # And the real commands do what the dry runs said.
    assert pair.sai_etl("retry") == "reopened 2 failed items\n"
