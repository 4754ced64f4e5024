"""`make live`: real n8n 1.123.81 and 2.41.1 run the SAI workflows with sai-etl installed; camera
frames are posted (multipart and JSON) and every execution is checked end to end: Stage 1 row
with n8n's status, Stage 2 completed, camera and node, analysis, Telegram, and the image bytes by
sha256. n8n 2.41 runs under each of its storage settings; an n8n 1.123 database with sai-etl
installed and executions in flight is taken over by 2.41.1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from live_support import (
    CAMERA,
    JSON_CAMERA,
    TERMINAL,
    N8n,
    Posted,
    StandIns,
    frame,
    sha,
)

from support.pairs import Cluster, new_cluster

CACHE = Path(os.environ.get("SAI_LIVE_CACHE") or Path.home() / ".cache" / "sai-etl")
SAI_ETL = str(Path(sys.executable).with_name("sai-etl"))
WATCHED = (CAMERA, JSON_CAMERA)
# n8n 2.x's storage settings (tests/fixtures/n8n-2.41/README.md).
MODES_241 = {
    "inline": {"N8N_DEFAULT_BINARY_DATA_MODE": "default"},
    "filesystem (2.x default)": {},
    "database": {"N8N_DEFAULT_BINARY_DATA_MODE": "database"},
    "execution data on disk": {"N8N_EXECUTION_DATA_STORAGE_MODE": "filesystem"},
}
MODES_1123 = {
    "inline": {},
    "filesystem": {"N8N_DEFAULT_BINARY_DATA_MODE": "filesystem"},
}
SETTLE_SECONDS = 120


@dataclass
class Site:
    """An n8n database and its dashboard on the suite's cluster, sai-etl installed."""

    cluster: Cluster
    name: str
    folder: Path

    @property
    def n8n_db(self) -> str:
        return f"n8n_{self.name}"

    @property
    def dashboard_db(self) -> str:
        return f"dash_{self.name}"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **self.cluster.env(),
            "SAI_N8N_DSN": self.cluster.dsn(self.n8n_db),
            "SAI_DASHBOARD_DSN": self.cluster.dsn(self.dashboard_db),
            **extra,
        }

    def sai_etl(self, *args: str, **extra: str) -> str:
        done = subprocess.run(
            [SAI_ETL, *args], env=self.env(**extra), capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def n8n(self, version: str, stand_ins: StandIns) -> N8n:
        home = self.folder / "home"
        home.mkdir(parents=True, exist_ok=True)
        return N8n(
            version,
            CACHE,
            home,
            self.cluster.host,
            self.n8n_db,
            log=self.folder / f"n8n-{version}.log",
        )

    def query(self, database: str, sql: str, params: object = None) -> list[tuple]:
        with psycopg.connect(self.cluster.dsn(database), autocommit=True) as conn:
            cur = conn.execute(sql, params)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    made = new_cluster("live")
    yield made
    made.remove()


@pytest.fixture
def stand_ins() -> Iterator[StandIns]:
    made = StandIns().start()
    yield made
    made.stop()


def _site(cluster: Cluster, name: str, tmp_path: Path) -> Site:
    site = Site(cluster, name, tmp_path)
    for database in (site.n8n_db, site.dashboard_db):
        subprocess.run(["createdb", database], env=cluster.env(), check=True, timeout=60)
    return site


def _install_sai_etl(site: Site) -> None:
    """After n8n's own migrations made its tables, as an operator would."""
    site.sai_etl("migrate")
    site.sai_etl("workflows", "add", *WATCHED)


def _post(n8n: N8n, stand_ins: StandIns, tag: str, first: int) -> list[Posted]:
    """Two multipart frames, one JSON frame, and one frame while Ollama fails; returns when n8n
    shows each of their executions finished (webhooks answer before the run ends)."""
    posted = []
    since = _n8n_now(n8n)
    for i, kind in enumerate(("multipart", "multipart", "json", "down")):
        data = frame(first + i)
        camera, node = f"cam_{tag}_{i}", f"NODE_{first + i:03d}"
        stand_ins.ollama_down = kind == "down"
        if kind == "json":
            n8n.post_json_frame(data, node, camera)
        else:
            n8n.post_frame(data, node, camera)
        workflow = JSON_CAMERA if kind == "json" else CAMERA
        posted.append(Posted(camera, node, workflow, sha(data), kind == "down"))
        _wait_finished(n8n, since, len(posted))
    stand_ins.ollama_down = False
    return posted


def _n8n_query(n8n: N8n, sql: str, params: object = None) -> list[tuple]:
    with psycopg.connect(f"host={n8n.socket_dir} user=postgres dbname={n8n.database}") as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def _n8n_now(n8n: N8n) -> object:
    return _n8n_query(n8n, "SELECT now()")[0][0]


def _wait_finished(n8n: N8n, since: object, count: int) -> None:
    """Until `count` watched executions created since `since` are finished."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        ((done,),) = _n8n_query(
            n8n,
            'SELECT count(*) FROM execution_entity WHERE "workflowId" = ANY (%s) '
            'AND status = ANY (%s) AND "createdAt" >= %s',
            [list(WATCHED), list(TERMINAL), since],
        )
        if done >= count:
            return
        assert time.monotonic() < deadline, f"n8n {n8n.version}: executions did not finish"
        time.sleep(0.2)


def _run_stage2(site: Site, n8n: N8n) -> str:
    images = site.folder / "images"
    images.mkdir(exist_ok=True)
    return site.sai_etl(
        "run",
        "--once",
        SAI_IMAGE_DIR=str(images),
        SAI_N8N_STORAGE_DIR=str(n8n.storage_dir),
        SAI_N8N_BINARY_DIR=str(n8n.n8n_dir),
        SAI_POLL_SECONDS="1",
        SAI_SWEEP_SECONDS="3600",
    )


def _check_end_to_end(site: Site, posted: list[Posted]) -> dict[str, int]:
    """Every watched n8n execution, end to end; returns counts for the report."""
    n8n_rows = dict(
        site.query(
            site.n8n_db,
            'SELECT id, status FROM execution_entity WHERE "workflowId" = ANY (%s)',
            [list(WATCHED)],
        )
    )
    rows = site.query(
        site.dashboard_db,
        "SELECT e.id, e.status, e.camera_id, e.node_id, q.status, a.risk_level, "
        "n.telegram_sent, n.telegram_message_id, i.valid, i.sha256, i.source "
        "FROM executions AS e JOIN etl_processing_queue AS q ON q.execution_id = e.id "
        "LEFT JOIN execution_analysis AS a ON a.execution_id = e.id "
        "LEFT JOIN execution_notifications AS n ON n.execution_id = e.id "
        "LEFT JOIN execution_images AS i ON i.execution_id = e.id",
    )
    by_camera = {row[2]: row for row in rows}
    assert {row[0]: row[1] for row in rows} == n8n_rows, "Stage 1: n8n's executions and statuses"
    assert all(row[4] == "completed" for row in rows), rows
    sources: dict[str, int] = {}
    for post in posted:
        row = by_camera.get(post.camera_id)
        assert row is not None, f"{post.camera_id} not in the dashboard"
        _id, status, _camera, node, _queue, risk, sent, message, valid, digest, source = row
        assert node == post.node_id
        if post.ollama_down:
            assert (status, risk, sent) == ("error", None, False), row
        elif post.workflow_id == CAMERA:
            assert (status, risk, sent) == ("success", "high", True), row
            assert message is not None and message >= 5000
        else:
            assert (status, risk, sent) == ("success", "low", True), row
        assert (valid, digest) == (True, post.sha256), row
        sources[source] = sources.get(source, 0) + 1
    return {"executions": len(rows), **{f"image source {k}": v for k, v in sources.items()}}


def _report(title: str, figures: dict[str, int]) -> None:
    print(f"\nLIVE {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(figures.items())))


@pytest.mark.parametrize("mode", list(MODES_241))
def test_n8n_241_storage_setting(
    cluster: Cluster, stand_ins: StandIns, tmp_path: Path, mode: str
) -> None:
    site = _site(cluster, f"v241_{list(MODES_241).index(mode)}", tmp_path)
    n8n = site.n8n("2.41.1", stand_ins)
    n8n.settings = MODES_241[mode]
    n8n.install_workflows(stand_ins, tmp_path)
    _install_sai_etl(site)
    n8n.start()
    try:
        posted = _post(n8n, stand_ins, "m", 1)
    finally:
        n8n.stop()
    _run_stage2(site, n8n)
    stored = dict(
        site.query(site.n8n_db, 'SELECT "storedAt", count(*) FROM execution_entity GROUP BY 1')
    )
    figures = _check_end_to_end(site, posted)
    _report(f"n8n 2.41.1, {mode}", {**figures, **{f"storedAt {k}": v for k, v in stored.items()}})


@pytest.mark.parametrize("mode", list(MODES_1123))
def test_n8n_1123(cluster: Cluster, stand_ins: StandIns, tmp_path: Path, mode: str) -> None:
    site = _site(cluster, f"v1123_{list(MODES_1123).index(mode)}", tmp_path)
    n8n = site.n8n("1.123.81", stand_ins)
    n8n.settings = MODES_1123[mode]
    n8n.install_workflows(stand_ins, tmp_path)
    _install_sai_etl(site)
    n8n.start()
    try:
        posted = _post(n8n, stand_ins, "m", 1)
    finally:
        n8n.stop()
    _run_stage2(site, n8n)
    _report(f"n8n 1.123.81, {mode}", _check_end_to_end(site, posted))


def test_upgrade_1123_to_241_with_executions_in_flight(
    cluster: Cluster, stand_ins: StandIns, tmp_path: Path
) -> None:
    site = _site(cluster, "upgrade", tmp_path)
    old = site.n8n("1.123.81", stand_ins)
    old.settings = {"N8N_DEFAULT_BINARY_DATA_MODE": "filesystem"}
    old.install_workflows(stand_ins, tmp_path)
    _install_sai_etl(site)
    old.start()
    try:
        before = _post(old, stand_ins, "before", 1)
        # In flight: Ollama answers slowly, and n8n 1.123 is killed while they wait on it.
        stand_ins.delay_seconds = 30
        calls = stand_ins.generate_calls
        old.post_frame(frame(50), "NODE_050", "cam_flight_0")
        old.post_json_frame(frame(51), "NODE_051", "cam_flight_1")
        deadline = time.monotonic() + 30
        while stand_ins.generate_calls < calls + 2:
            assert time.monotonic() < deadline, "the in-flight executions never reached Ollama"
            time.sleep(0.1)
    finally:
        old.kill()
    stand_ins.delay_seconds = 0
    in_flight = site.query(
        site.n8n_db,
        'SELECT status, count(*) FROM execution_entity WHERE "workflowId" = ANY (%s) '
        "AND status <> ALL (%s) GROUP BY 1",
        [list(WATCHED), list(TERMINAL)],
    )
    assert sum(n for _s, n in in_flight) == 2, in_flight

    new = site.n8n("2.41.1", stand_ins)
    # n8n 2.41.1's migrations run first, on the database where sai-etl is installed; then the
    # workflows imported under 1.x get the published version 2.x serves webhooks from.
    new.activate_workflows()
    new.start()
    try:
        # n8n recovers what a killed process left unfinished (its event log): crashed.
        deadline = time.monotonic() + SETTLE_SECONDS
        while site.query(
            site.n8n_db,
            'SELECT count(*) FROM execution_entity WHERE "workflowId" = ANY (%s) '
            "AND status <> ALL (%s)",
            [list(WATCHED), list(TERMINAL)],
        ) != [(0,)]:
            assert time.monotonic() < deadline, "n8n 2.41.1 left the in-flight executions open"
            time.sleep(0.5)
        after = _post(new, stand_ins, "after", 60)
    finally:
        new.stop()
    site.sai_etl("sweep")
    _run_stage2(site, new)
    figures = _check_end_to_end(site, before + after)
    flight = site.query(
        site.dashboard_db,
        "SELECT e.camera_id, e.status, q.status FROM executions AS e "
        "JOIN etl_processing_queue AS q ON q.execution_id = e.id "
        "WHERE e.camera_id LIKE 'cam_flight_%%' OR e.camera_id IS NULL ORDER BY 1",
    )
    migrations = site.query(site.n8n_db, "SELECT count(*) FROM migrations")
    _report(
        "upgrade 1.123.81 -> 2.41.1",
        {**figures, "in flight at the kill": 2, "n8n migrations recorded": migrations[0][0]},
    )
    print(f"LIVE in-flight executions after the takeover: {flight}")
    assert len(flight) == 2 and all(q == "completed" for _c, _s, q in flight), flight
