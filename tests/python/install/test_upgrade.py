"""An upgrade from the previous release (migrations/PREVIOUS_RELEASE) ends as a fresh install does.

The previous release is checked out with `git worktree` and installed by its own code (its own
`sai-etl migrate`, its sql/ and migrations/), executions go through its Stage 1 (the trigger, over
dblink) and Stage 2 (its `sai-etl run --once`), then HEAD's `sai-etl migrate` upgrades both
databases. Their schema dumps (sai_etl_dev.schema_dump) equal a fresh install's, and the data is
still there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from sai_etl_dev.schema_dump import dump, normalise
from support import pairs

PREVIOUS = (pairs.ROOT / "migrations" / "PREVIOUS_RELEASE").read_text().strip()
WATCHED_WORKFLOWS = ("yDbfhooKemfhMIkC", "saiJsonCam000001")
# What the dashboard holds, table by table (ordered by these columns), compared across the
# upgrade on the columns the previous release had: a migration may add columns, never change
# what was recorded.
CONTENTS = {
    "executions": "id",
    "execution_analysis": "execution_id",
    "execution_images": "execution_id",
    "execution_notifications": "execution_id",
    "etl_processing_queue": "execution_id",
}


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(pairs.ROOT), *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def previous_tree(tmp_path: Path) -> Iterator[Path]:
    """The previous release's tree, from this clone's history."""
    if _git("cat-file", "-e", f"{PREVIOUS}^{{commit}}").returncode != 0:
        pytest.skip(
            f"the previous release {PREVIOUS} is not in this clone (a shallow clone?): "
            "`git fetch --unshallow` brings it"
        )
    tree = tmp_path / "previous"
    added = _git("worktree", "add", "--detach", str(tree), PREVIOUS)
    assert added.returncode == 0, added.stderr
    yield tree
    _git("worktree", "remove", "--force", str(tree))


def _previous_sai_etl(tree: Path, env: dict[str, str], *args: str) -> str:
    """The previous release's own `sai-etl ARGS`: its package (runner/, a layout that differs
    from HEAD's) ahead of the installed one, its sql/ and migrations/ (SAI_ETL_HOME)."""
    program = (
        "import sys, sai_etl;"
        f"assert sai_etl.__file__.startswith({str(tree)!r}), sai_etl.__file__;"
        "from sai_etl.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    old_env = {**env, "PYTHONPATH": str(tree / "runner"), "SAI_ETL_HOME": str(tree)}
    return pairs.run([sys.executable, "-c", program, *args], env=old_env, timeout=300)


def _psql_file(dsn: str, path: Path) -> None:
    pairs.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", str(path)])


def _contents(dsn: str) -> dict[str, list[dict[str, Any]]]:
    with psycopg.connect(dsn) as conn:
        return {
            table: [
                row
                for (row,) in conn.execute(
                    sql.SQL("SELECT to_jsonb(t) FROM {} AS t ORDER BY t.{}").format(
                        sql.Identifier(table), sql.Identifier(order)
                    )
                )
            ]
            for table, order in CONTENTS.items()
        }


def _as_before(
    after: dict[str, list[dict[str, Any]]], before: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """`after` on the columns `before` had (a column the upgrade dropped: KeyError)."""
    columns = {table: list(rows[0]) if rows else [] for table, rows in before.items()}
    return {
        table: [{column: row[column] for column in columns[table]} for row in rows]
        for table, rows in after.items()
    }


def _schema(pair: pairs.Pair) -> dict[str, str]:
    return {
        "n8n": normalise(dump(pair.n8n_dsn), "n8n"),
        "dashboard": normalise(dump(pair.dashboard_dsn), "dashboard"),
    }


def test_an_upgraded_install_equals_a_fresh_one(previous_tree: Path, tmp_path: Path) -> None:
    cluster = pairs.test_cluster()
    tag = pairs.unique("upgrade")
    old = pairs.Pair(cluster, f"{tag}_n8n", cluster, f"{tag}_dash")
    fresh = None
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAI_")}
    env.update(SAI_N8N_DSN=old.n8n_dsn, SAI_DASHBOARD_DSN=old.dashboard_dsn)
    fixtures = previous_tree / "tests" / "fixtures" / "n8n-1.123"
    try:
        pairs.run(["createdb", old.n8n_db], env=cluster.env())
        pairs.run(["createdb", old.dashboard_db], env=cluster.env())
        _psql_file(old.n8n_dsn, fixtures / "schema.sql")
        _previous_sai_etl(previous_tree, env, "migrate")
        _previous_sai_etl(previous_tree, env, "workflows", "add", *WATCHED_WORKFLOWS)

        # Stage 1: n8n records finished executions, the previous release's trigger carries them.
        _psql_file(old.n8n_dsn, fixtures / "executions.sql")
        # Stage 2: the previous release's runner extracts them and writes their images.
        n8n_root, images = tmp_path / "n8n", tmp_path / "images"
        images.mkdir()
        shutil.copytree(fixtures / "binaryData", n8n_root / "binaryData")
        run_env = {
            **env,
            "SAI_IMAGE_DIR": str(images),
            "SAI_N8N_BINARY_DIR": str(n8n_root),
            "SAI_SWEEP_SECONDS": "3600",
        }
        _previous_sai_etl(previous_tree, run_env, "run", "--once")
        before = _contents(old.dashboard_dsn)
        queue = before["etl_processing_queue"]
        assert queue and all(item["status"] != "pending" for item in queue), queue
        assert before["execution_images"], "Stage 2 wrote no image"

        migrated = pairs.run([pairs.SAI_ETL, "migrate"], env=env)
        assert "migration(s) applied" in migrated

        fresh = pairs.new_pair("upgrade_fresh", workflows=False)
        upgraded, installed = _schema(old), _schema(fresh)
        for database in ("n8n", "dashboard"):
            assert upgraded[database] == installed[database], database
        assert _as_before(_contents(old.dashboard_dsn), before) == before
    finally:
        old.drop()
        if fresh is not None:
            fresh.drop()
