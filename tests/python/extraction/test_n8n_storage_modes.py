"""Where n8n 2.x keeps an execution ("storedAt") decides how Stage 2 reads it, on n8n 2.41's real
schema and executions: `fs` asks the runner for the bundle, `s3`/`az` (object storage, licensed)
end failed with a reason that says so and count in health, never as "no data"; `db` without an
execution_data row is gone, as in n8n 1.x."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support import pairs
from support.pairs import Pair, setup_pair
from support.runner_support import query


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    made = setup_pair(pairs.test_cluster().name, "storage_241", fixtures=True, n8n_version="2.41")
    # n8n in object-storage mode: no execution_data row, the run is in a bucket.
    query(made.n8n_dsn, "UPDATE execution_entity SET \"storedAt\" = 's3' WHERE id = 9")
    query(made.n8n_dsn, "UPDATE execution_entity SET \"storedAt\" = 'az' WHERE id = 10")
    query(made.n8n_dsn, 'DELETE FROM execution_data WHERE "executionId" IN (9, 10, 11)')
    query(made.dashboard_dsn, "SELECT etl_reconcile(interval '100 years')")
    # Recorded long ago: a missing source is gone for good, not one n8n has yet to commit
    # (setting gone_grace).
    query(made.dashboard_dsn, "UPDATE executions SET created_at = now() - interval '1 day'")
    yield made


def test_each_storage_setting_gets_its_outcome(pair: Pair) -> None:
    rows = query(
        pair.dashboard_dsn,
        "SELECT e.id, x.outcome, x.reason, x.image_path FROM executions AS e "
        "CROSS JOIN LATERAL etl_extract_execution(e.id) AS x WHERE e.id IN (9, 10, 11, 12) "
        "ORDER BY e.id",
    )
    assert rows == [
        (
            9,
            "unreadable",
            "n8n keeps this execution's data in object storage (storedAt s3), which sai-etl "
            "does not read",
            None,
        ),
        (
            10,
            "unreadable",
            "n8n keeps this execution's data in object storage (storedAt az), which sai-etl "
            "does not read",
            None,
        ),
        (11, "gone", "n8n has no execution_data for it", None),
        (
            12,
            "bundle",
            "n8n keeps this execution's data on its disk (storedAt fs)",
            "workflows/yDbfhooKemfhMIkC/executions/12/execution_data/bundle.json",
        ),
    ]


def test_object_storage_ends_failed_with_its_reason_and_counts_in_health(pair: Pair) -> None:
    claimed = query(
        pair.dashboard_dsn,
        "SELECT execution_id, image_source, image_path FROM etl_claim('test', 20, 30) "
        "ORDER BY execution_id",
    )
    # 12 and 13 are claimed for the runner to read their bundles; 9 and 10 are not.
    on_disk = [row for row in claimed if row[1] == "bundle"]
    assert [row[0] for row in on_disk] == [12, 13]
    assert 9 not in {row[0] for row in claimed} and 10 not in {row[0] for row in claimed}
    queue = query(
        pair.dashboard_dsn,
        "SELECT execution_id, status, attempts, last_error FROM etl_processing_queue "
        "WHERE execution_id IN (9, 10, 11) ORDER BY 1",
    )
    assert queue == [
        (
            9,
            "failed",
            0,
            "execution data not readable: n8n keeps this execution's data in object storage "
            "(storedAt s3), which sai-etl does not read",
        ),
        (
            10,
            "failed",
            0,
            "execution data not readable: n8n keeps this execution's data in object storage "
            "(storedAt az), which sai-etl does not read",
        ),
        (11, "skipped", 0, "source gone: n8n has no execution_data for it"),
    ]
    ((failed,),) = query(pair.dashboard_dsn, "SELECT failed_count FROM etl_queue_health")
    assert failed == 2
    listed = query(
        pair.dashboard_dsn,
        "SELECT execution_id, status, next_action FROM etl_failed_items ORDER BY execution_id",
    )
    assert listed == [
        (9, "failed", "sai-etl retry 9"),
        (10, "failed", "sai-etl retry 10"),
        (11, "skipped", "sai-etl retry --skipped 11"),
    ]
