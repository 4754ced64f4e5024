"""Image retention on real files: `sai-etl run --once` (its maintenance) removes originals and
derived images by age and by disk budget, marks the rows keeping sha256 and size, and reports the
image root's size and free space to health."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.pairs import SAI_ETL, Pair, setup_pair
from support.runner_support import image_files, play, query, run_once, runner_env

COUNT = 6


@dataclass(frozen=True)
class Store:
    pair: Pair
    images: Path
    env: dict[str, str]
    # execution id -> (sha256, size_bytes, original path, thumbnail path), as first stored
    stored: dict[int, tuple[str, int, str, str]]


def _set(pair: Pair, **settings: str) -> None:
    for key, value in settings.items():
        query(pair.dashboard_dsn, "UPDATE etl_settings SET value = %s WHERE key = %s", [value, key])


def _rows(pair: Pair) -> dict[int, tuple]:
    rows = query(
        pair.dashboard_dsn,
        "SELECT execution_id, sha256, size_bytes, original_path, thumbnail_path, "
        "original_pruned_at IS NOT NULL, derived_pruned_at IS NOT NULL "
        "FROM execution_images WHERE valid ORDER BY stored_at, execution_id",
    )
    return {row[0]: row[1:] for row in rows}


@pytest.fixture(scope="module")
def store(private_cluster: str, tmp_path_factory: pytest.TempPathFactory) -> Store:
    images = tmp_path_factory.mktemp("retention")
    pair = setup_pair(private_cluster, "retention")
    play(pair, COUNT, seed=3, workflow="camera", error_rate=0)
    env = runner_env(pair, images)
    run_once(env)
    # Execution k (oldest first) was stored 10 * (COUNT - k) days ago: 60, 50, ... 10 days.
    ids = [row[0] for row in query(pair.dashboard_dsn, "SELECT id FROM executions ORDER BY id")]
    for k, execution_id in enumerate(ids):
        query(
            pair.dashboard_dsn,
            "UPDATE execution_images SET extracted_at = now() - make_interval(days => %s) "
            "WHERE execution_id = %s",
            [10 * (COUNT - k), execution_id],
        )
    _set(pair, image_measure_every="0 seconds")
    stored = {i: (r[0], r[1], r[2], r[3]) for i, r in _rows(pair).items()}
    assert len(stored) == COUNT
    return Store(pair, images, env, stored)


def test_retention_removes_old_files_by_kind_and_keeps_the_history(store: Store) -> None:
    before = set(image_files(store.images))
    assert len(before) == 2 * COUNT  # an original and a thumbnail each (no display variant)
    _set(store.pair, image_retention_originals="25 days", image_retention_derived="45 days")
    run_once(store.env)

    rows = _rows(store.pair)
    ages = dict(zip(store.stored, range(10 * COUNT, 0, -10), strict=True))
    for execution_id, (sha, size, original, thumbnail, orig_pruned, derived_pruned) in rows.items():
        age = ages[execution_id]
        assert (sha, size, original, thumbnail) == store.stored[execution_id]
        assert orig_pruned == (age > 25), (execution_id, age)
        assert derived_pruned == (age > 45), (execution_id, age)
        assert (store.images / original).exists() == (age <= 25)
        assert (store.images / thumbnail).exists() == (age <= 45)
    left = set(image_files(store.images))
    # 60..30 days: 4 originals gone; 60, 50 days: 2 thumbnails gone.
    assert len(before - left) == 6 and left < before
    pruned = sum(size for i, (_s, size, *_r) in store.stored.items() if ages[i] > 25)
    ((originals, derived, pruned_bytes),) = query(
        store.pair.dashboard_dsn,
        "SELECT originals_pruned_total, derived_pruned_total, pruned_bytes_total "
        "FROM etl_image_health",
    )
    assert (originals, derived, pruned_bytes) == (4, 2, pruned)


def test_disk_budget_keeps_the_newest_originals_within_it(store: Store) -> None:
    _set(store.pair, image_retention_originals="forever", image_retention_derived="forever")
    kept = [i for i, row in _rows(store.pair).items() if not row[4]]
    assert len(kept) == 2  # 20 and 10 days old
    newest = kept[-1]
    _set(store.pair, image_disk_budget=str(store.stored[newest][1]))
    run_once(store.env)
    rows = _rows(store.pair)
    assert [i for i, row in rows.items() if not row[4]] == [newest]
    originals = [p for p in image_files(store.images) if "originals" in p.parts]
    assert originals == [store.images / store.stored[newest][2]]


def test_health_shows_the_image_root_and_alerts_on_free_space(store: Store) -> None:
    def health() -> tuple[int, dict]:
        done = subprocess.run(
            [SAI_ETL, "health", "--json"], env=store.env, capture_output=True, text=True
        )
        return done.returncode, json.loads(done.stdout)

    _, doc = health()
    (root,) = doc["image_stores"]
    on_disk = sum(p.stat().st_size for p in image_files(store.images))
    assert root["root"] == str(store.images)
    assert root["used_bytes"] == on_disk and 0 < root["free_bytes"] <= root["total_bytes"]
    ((oldest,),) = query(
        store.pair.dashboard_dsn,
        "SELECT to_jsonb(min(stored_at)) #>> '{}' FROM execution_images "
        "WHERE valid AND original_pruned_at IS NULL",
    )
    assert doc["images"]["oldest_original_kept"] == oldest
    checks = {a["alert"]: a for a in doc["alert_checks"]}
    assert not checks["image_disk_low"]["firing"]
    readable = subprocess.run(
        [SAI_ETL, "health"], env=store.env, capture_output=True, text=True
    ).stdout
    assert "Image store" in readable and str(store.images) in readable
    # 4 originals by age, then 1 by budget; 2 derived sets by age.
    assert "5 originals (" in readable and ", 2 derived" in readable

    _set(store.pair, alert_image_free_bytes=str(root["total_bytes"] + 1))
    try:
        code, doc = health()
        checks = {a["alert"]: a for a in doc["alert_checks"]}
        assert (
            checks["image_disk_low"]["firing"]
            and checks["image_disk_low"]["severity"] == "critical"
        )
        assert code == 2  # CRITICAL
    finally:
        _set(store.pair, alert_image_free_bytes="5368709120")
