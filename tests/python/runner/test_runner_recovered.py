"""End to end on n8n's crash recovery: fixture execution 3 as the recovery leaves it
(tests/fixtures/n8n-1.123/recovered.sql, executions 901-904), through Stage 1 (reconcile) and
`sai-etl run --once`. A recovery placeholder is not data: the camera's request comes from the node
execution stack, no analysis is pretended, Telegram is unknown; a node's own saved run still counts.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from sai_etl_dev.flatted import decode
from support.pairs import FIXTURES, Pair, run, setup_pair
from support.runner_support import query, run_once, runner_env

RECOVERED = (901, 902, 903, 904)


@pytest.fixture(scope="module")
def processed(private_cluster: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Pair, Path]:
    images = tmp_path_factory.mktemp("recovered_e2e")
    pair = setup_pair(private_cluster, "runner_recovered", fixtures=True)
    run(
        [
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            pair.n8n_dsn,
            "-f",
            str(FIXTURES / "recovered.sql"),
        ]
    )
    # Loaded before the trigger saw them, like the fixtures: Stage 1 finds them by reconciling;
    # only the recovered ones stay queued (test_runner_fixtures covers the 18).
    query(pair.dashboard_dsn, "SELECT etl_reconcile(interval '100 years')")
    query(
        pair.dashboard_dsn,
        "DELETE FROM etl_processing_queue WHERE execution_id <> ALL (%s)",
        [list(RECOVERED)],
    )
    run_once(runner_env(pair, images))
    return pair, images


def test_every_recovered_execution_completes(processed: tuple[Pair, Path]) -> None:
    pair, _ = processed
    assert query(
        pair.dashboard_dsn,
        "SELECT execution_id, status, attempts FROM etl_processing_queue "
        "WHERE execution_id = ANY (%s) ORDER BY 1",
        [list(RECOVERED)],
    ) == [(i, "completed", 1) for i in RECOVERED]


def test_placeholders_are_not_data(processed: tuple[Pair, Path]) -> None:
    pair, _ = processed
    rows = query(
        pair.dashboard_dsn,
        "SELECT e.id, e.status, e.node_id, e.camera_id, a.risk_level, a.confidence_score, "
        "n.telegram_sent, n.telegram_message_id FROM executions AS e "
        "LEFT JOIN execution_analysis AS a ON a.execution_id = e.id "
        "LEFT JOIN execution_notifications AS n ON n.execution_id = e.id "
        "WHERE e.id = ANY (%s) ORDER BY e.id",
        [list(RECOVERED)],
    )
    assert [(r[0], r[1], r[2], r[3], r[4], r[6], r[7]) for r in rows] == [
        (901, "crashed", "NODE_002", "cam_1", None, None, None),  # every node a placeholder
        (902, "crashed", "NODE_002", "cam_1", None, None, None),  # died inside the analysis
        (
            903,
            "crashed",
            "NODE_002",
            "cam_1",
            "high",
            None,
            None,
        ),  # progress saved, Telegram a placeholder
        (904, "crashed", "NODE_002", "cam_1", None, None, None),  # no event log: initial data
    ]
    assert float(rows[2][5]) == 0.88


def test_the_frame_lands_from_the_stack(processed: tuple[Pair, Path]) -> None:
    pair, images = processed
    (data,) = query(pair.n8n_dsn, 'SELECT data FROM execution_data WHERE "executionId" = 3')[0]
    item = decode(data)["resultData"]["runData"]["Webhook"][0]["data"]["main"][0][0]
    original = base64.b64decode(item["binary"]["image"]["data"])
    rows = query(
        pair.dashboard_dsn,
        "SELECT execution_id, valid, source, sha256, original_path FROM execution_images "
        "WHERE execution_id = ANY (%s) ORDER BY 1",
        [list(RECOVERED)],
    )
    digest = hashlib.sha256(original).hexdigest()
    assert [r[:4] for r in rows] == [(i, True, "binary", digest) for i in RECOVERED]
    for *_, path in rows:
        assert (images / path).read_bytes() == original
