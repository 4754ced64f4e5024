"""Fresh linked database pairs and private clusters for the Stage 1 tests, made by the project's
own scripts (scripts/pgcluster, scripts/setup-db) and commands (`sai-etl migrate`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import psycopg

from sai_etl_dev.simulate import ensure_workflows

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "n8n-1.123"
SAI_ETL = str(Path(sys.executable).with_name("sai-etl"))
SAI_ETL_DEV = str(Path(sys.executable).with_name("sai-etl-dev"))
SAI_WORKFLOWS = ("yDbfhooKemfhMIkC", "saiJsonCam000001")
# Every command a test runs is bounded: a hung one fails the test instead of stalling the suite.
COMMAND_TIMEOUT = 120


def run(
    args: list[str], env: dict[str, str] | None = None, timeout: float = COMMAND_TIMEOUT
) -> str:
    """Run a command; its stdout. Fails with its stderr when it fails."""
    done = subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Cluster:
    name: str

    @cached_property
    def host(self) -> str:
        """The cluster's socket directory."""
        out = run([str(ROOT / "scripts" / "pgcluster"), "env", self.name])
        match = re.search(r"PGHOST='([^']*)'", out)
        if match is None:
            raise RuntimeError(f"pgcluster env {self.name}: no PGHOST in {out!r}")
        return match[1]

    @property
    def server_log(self) -> Path:
        return Path(self.host) / "server.log"

    def dsn(self, dbname: str) -> str:
        return f"host={self.host} user=postgres dbname={dbname}"

    def env(self) -> dict[str, str]:
        return {**os.environ, "PGHOST": self.host, "PGUSER": "postgres", "PGPORT": "5432"}

    def ctl(self, command: str, *options: str) -> None:
        """scripts/pgcluster start|stop|kill for this cluster."""
        run([str(ROOT / "scripts" / "pgcluster"), command, self.name, *options])

    def remove(self) -> None:
        """Stop it and delete its files (only for clusters a test created)."""
        link = ROOT / ".pg" / self.name
        if not link.exists() and not link.is_symlink():
            return
        self.ctl("stop")
        target = link.resolve()
        if link.is_symlink():
            link.unlink()
        shutil.rmtree(target, ignore_errors=True)


def new_cluster(prefix: str) -> Cluster:
    """A private throwaway cluster (fsync off), started."""
    cluster = Cluster(unique(prefix))
    cluster.ctl("start", "--fresh", "--fast")
    return cluster


def test_cluster() -> Cluster:
    """The cluster `make test` started (SAI_TEST_CLUSTER)."""
    name = os.environ.get("SAI_TEST_CLUSTER")
    if not name:
        raise RuntimeError("SAI_TEST_CLUSTER is not set: run the tests with `make test`")
    return Cluster(name)


@dataclass(frozen=True)
class Pair:
    """An n8n database and a dashboard database, migrated and linked both ways."""

    n8n_cluster: Cluster
    n8n_db: str
    dashboard_cluster: Cluster
    dashboard_db: str

    @property
    def n8n_dsn(self) -> str:
        return self.n8n_cluster.dsn(self.n8n_db)

    @property
    def dashboard_dsn(self) -> str:
        return self.dashboard_cluster.dsn(self.dashboard_db)

    def env(self) -> dict[str, str]:
        """The environment `sai-etl` needs for this pair."""
        return {**os.environ, "SAI_N8N_DSN": self.n8n_dsn, "SAI_DASHBOARD_DSN": self.dashboard_dsn}

    def sai_etl(self, *args: str, timeout: float = COMMAND_TIMEOUT) -> str:
        """Run `sai-etl ARGS` against this pair; its stdout."""
        return run([SAI_ETL, *args], env=self.env(), timeout=timeout)

    def drop(self) -> None:
        for cluster, db in (
            (self.n8n_cluster, self.n8n_db),
            (self.dashboard_cluster, self.dashboard_db),
        ):
            subprocess.run(
                ["dropdb", "--if-exists", "--force", db],
                env=cluster.env(),
                capture_output=True,
                timeout=COMMAND_TIMEOUT,
                check=False,
            )


def new_pair(
    prefix: str,
    dashboard_cluster: Cluster | None = None,
    n8n_cluster: Cluster | None = None,
    workflows: bool = True,
) -> Pair:
    """A fresh pair without executions: n8n 1.123's schema, migrated, the SAI workflows watched
    (and, with `workflows`, in workflow_entity as the simulator defines them). Both databases
    live in the test cluster unless other clusters are given."""
    n8n_cluster = n8n_cluster or test_cluster()
    dashboard_cluster = dashboard_cluster or n8n_cluster
    tag = unique(prefix)
    pair = Pair(n8n_cluster, f"{tag}_n8n", dashboard_cluster, f"{tag}_dash")
    if dashboard_cluster == n8n_cluster:
        run([str(ROOT / "scripts" / "setup-db"), n8n_cluster.name, pair.n8n_db, pair.dashboard_db])
    else:
        _split_pair(pair)
    if workflows:
        with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
            ensure_workflows(conn)
    return pair


def _split_pair(pair: Pair) -> None:
    """setup-db's work for databases in two clusters."""
    run(["createdb", pair.n8n_db], env=pair.n8n_cluster.env())
    run(["createdb", pair.dashboard_db], env=pair.dashboard_cluster.env())
    run(
        [
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            pair.n8n_db,
            "-f",
            str(FIXTURES / "schema.sql"),
        ],
        env=pair.n8n_cluster.env(),
    )
    run([SAI_ETL_DEV, "sandbox"], env=pair.env())
    pair.sai_etl("migrate")
    pair.sai_etl("workflows", "add", *SAI_WORKFLOWS)
