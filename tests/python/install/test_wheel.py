"""The ordinary install: `pip wheel .` installed into a fresh virtualenv (the locked dependencies
first, as docs/runner.md says), far from the checkout, with SAI_ETL_HOME unset and the development
package removed, migrates a fresh pair and records
the real fixture executions end to end (Stage 1 backfill, Stage 2 images on disk)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import pairs
from support.pairs import FIXTURES, ROOT, SAI_WORKFLOWS, Pair, unique
from support.runner_support import image_files, query

TIMEOUT = 600


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv installed as docs/runner.md says: the locked, hashed dependencies
    (requirements/runtime.txt), then the wheel `pip wheel .` built, without resolving again."""
    base = tmp_path_factory.mktemp("wheel")
    wheels = base / "wheels"
    pip = [sys.executable, "-m", "pip"]
    _run([*pip, "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], cwd=base)
    lock = str(ROOT / "requirements" / "runtime.txt")
    _run([*pip, "download", "-q", "--require-hashes", "-r", lock, "-d", str(wheels)], cwd=base)
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    install = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index"]
    _run([*install, "--find-links", str(wheels), "--require-hashes", "-r", lock], cwd=base)
    (wheel,) = wheels.glob("sai_etl-*.whl")
    _run([*install, "--no-deps", str(wheel)], cwd=base)
    # The production command must not need the development tools: take them away.
    site = next((venv / "lib").glob("python3*/site-packages"))
    shutil.rmtree(site / "sai_etl_dev")
    return venv / "bin"


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    """Two empty databases on the test cluster: n8n 1.123's schema and its 18 real executions."""
    cluster = pairs.test_cluster()
    tag = unique("wheel")
    made = Pair(cluster, f"{tag}_n8n", cluster, f"{tag}_dash")
    env = cluster.env()
    for db in (made.n8n_db, made.dashboard_db):
        _run(["createdb", db], cwd=ROOT, env=env)
    for name in ("schema.sql", "executions.sql"):
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", made.n8n_db]
        _run([*psql, "-f", str(FIXTURES / name)], cwd=ROOT, env=env)
    yield made
    made.drop()


def test_wheel_carries_the_sql_and_a_fresh_install_records_executions(
    installed: Path, pair: Pair, tmp_path: Path
) -> None:
    images, n8n_root = tmp_path / "images", tmp_path / "n8n"
    images.mkdir()
    shutil.copytree(FIXTURES / "binaryData", n8n_root / "binaryData")
    env = {k: v for k, v in pair.env().items() if k != "SAI_ETL_HOME" and k != "PYTHONPATH"}
    env.update(
        SAI_IMAGE_DIR=str(images),
        SAI_N8N_BINARY_DIR=str(n8n_root),
        PATH=f"{installed}:{os.environ['PATH']}",
    )
    # Run from an empty folder: nothing of the checkout is reachable from the cwd.
    far = tmp_path / "elsewhere"
    far.mkdir()

    def sai_etl(*args: str) -> str:
        return _run([str(installed / "sai-etl"), *args], cwd=far, env=env)

    location = _run(
        [str(installed / "python"), "-c", "import sai_etl; print(sai_etl.__file__)"], far, env
    )
    assert not Path(location.strip()).is_relative_to(ROOT)
    assert "dashboard: " in sai_etl("migrate")
    sai_etl("workflows", "add", *SAI_WORKFLOWS)
    # The fixtures were loaded before the trigger existed: the 17 of watched workflows.
    assert "17 scanned, 17 added" in sai_etl("backfill", "--since", "20000d", "--quiet")
    sai_etl("run", "--once")

    statuses = query(
        pair.dashboard_dsn, "SELECT status, count(*) FROM etl_processing_queue GROUP BY 1"
    )
    assert statuses == [("completed", 17)]
    # 16 of them sent an image, 15 of them a valid one (README of the fixtures): each on disk.
    stored = query(
        pair.dashboard_dsn,
        "SELECT original_path FROM execution_images WHERE valid ORDER BY original_path",
    )
    originals = sorted(p for p in image_files(images) if "originals" in p.parts)
    assert len(stored) == 15
    assert [images / path for (path,) in stored] == originals


def _pins(path: Path) -> dict[str, str]:
    text = path.read_text()
    return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+) \\$", text, re.MULTILINE))


def test_locks_pin_every_dependency_with_hashes() -> None:
    """Both locks cover pyproject.toml's dependencies, every pin carries hashes, the runtime lock
    agrees with the dev lock, and the linters are pinned (CI cannot change under us)."""
    runtime, dev = (_pins(ROOT / "requirements" / f"{n}.txt") for n in ("runtime", "dev"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    def names(specs: list[str]) -> set[str]:
        return {re.split(r"[\[<>=!~ ]", s, maxsplit=1)[0].lower() for s in specs}

    assert names(project["dependencies"]) <= set(runtime)
    assert names(project["optional-dependencies"]["dev"]) <= set(dev)
    assert {"ruff", "sqlfluff"} <= set(dev)
    assert all(dev[name] == version for name, version in runtime.items())
    for lock in ("runtime", "dev"):
        blocks = re.split(r"\n(?=[a-z])", (ROOT / "requirements" / f"{lock}.txt").read_text())
        assert all("--hash=sha256:" in block for block in blocks if "==" in block)
