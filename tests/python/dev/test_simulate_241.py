"""The simulator's n8n 2.41 mode writes what n8n 2.41.1 writes (tests/fixtures/n8n-2.41), on a
database with 2.41's schema, under each 2.x storage setting, and Stage 2 reads all of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from sai_etl_dev.simulate import ensure_workflows, simulate
from support import pairs
from support.pairs import Pair, setup_pair
from support.runner_support import query, run_once, runner_env

FIXTURE_BUNDLE = (
    pairs.ROOT
    / "tests/fixtures/n8n-2.41/storage/workflows/yDbfhooKemfhMIkC/executions/12"
    / "execution_data/bundle.json"
)


@dataclass(frozen=True)
class Played:
    pair: Pair
    storage: Path
    ids: dict[str, list[int]]
    output: str


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
    base = tmp_path_factory.mktemp("simulate_241")
    storage, images = base / "storage", base / "images"
    storage.mkdir()
    images.mkdir()
    pair = setup_pair(pairs.test_cluster().name, "simulate_241", n8n_version="2.41")
    settings = {
        "inline": {},
        "filesystem": {"binary_mode": "filesystem"},
        "database": {"binary_mode": "database"},
        "on disk": {"binary_mode": "filesystem", "execution_data": "filesystem"},
    }
    ids = {}
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        ensure_workflows(conn)
        for seed, (name, options) in enumerate(settings.items()):
            ids[name] = simulate(
                conn,
                4,
                seed=seed,
                workflow="camera",
                error_rate=0,
                frame_size=(320, 240),
                n8n_version="2.41",
                storage_dir=storage,
                **options,  # type: ignore[arg-type]
            )
    output = run_once(runner_env(pair, images, SAI_N8N_STORAGE_DIR=storage))
    yield Played(pair, storage, ids, output)


def test_n8n_rows_say_where_the_data_is(played: Played) -> None:
    rows = query(
        played.pair.n8n_dsn,
        'SELECT e."storedAt", e."jsonSizeBytes" > 0, e."binaryDataSizeBytes" > 0, '
        'd."executionId" IS NOT NULL, count(*) FROM execution_entity AS e '
        'LEFT JOIN execution_data AS d ON d."executionId" = e.id GROUP BY 1, 2, 3, 4 ORDER BY 1, 3',
    )
    # inline: sizes of the JSON only; filesystem and database: the frame counted apart; on
    # disk: no execution_data row at all.
    assert rows == [
        ("db", True, False, True, 4),
        ("db", True, True, True, 8),
        ("fs", True, True, False, 4),
    ]


def test_database_mode_rows_keep_source_id_temp(played: Played) -> None:
    assert query(
        played.pair.n8n_dsn,
        'SELECT "sourceType", "sourceId", count(*) FROM binary_data GROUP BY 1, 2',
    ) == [("execution", "temp", 4)]


def test_files_carry_the_real_execution_id_and_bundles_n8ns_shape(played: Played) -> None:
    for execution_id in played.ids["filesystem"] + played.ids["on disk"]:
        folder = played.storage / f"workflows/yDbfhooKemfhMIkC/executions/{execution_id}"
        (frame,) = [f for f in (folder / "binary_data").iterdir() if f.suffix != ".metadata"]
        assert frame.with_name(frame.name + ".metadata").is_file()
    real = json.loads(FIXTURE_BUNDLE.read_text())
    for execution_id in played.ids["on disk"]:
        bundle = json.loads(
            (
                played.storage
                / f"workflows/yDbfhooKemfhMIkC/executions/{execution_id}/execution_data"
                / "bundle.json"
            ).read_text()
        )
        assert sorted(bundle) == sorted(real)
        assert sorted(bundle["workflowData"]) == sorted(real["workflowData"])


def test_stage2_reads_every_setting(played: Played) -> None:
    rows = query(
        played.pair.dashboard_dsn,
        "SELECT q.execution_id, q.status, i.source, i.valid FROM etl_processing_queue AS q "
        "LEFT JOIN execution_images AS i USING (execution_id) ORDER BY 1",
    )
    expected_source = {"inline": "binary", "filesystem": "filesystem", "database": "database"}
    expected_source["on disk"] = "filesystem"
    expected = sorted(
        (i, "completed", expected_source[name], True)
        for name, ids in played.ids.items()
        for i in ids
    )
    assert rows == expected, played.output
