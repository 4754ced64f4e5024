"""`sai-etl uninstall` on a private cluster holding one pair: n8n's schema dump after uninstall
equals the dump before install, and no sai-etl role is left; without --yes off a terminal it
refuses and removes nothing. `migrate --dry-run` lists what would run and writes nothing."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import psycopg
import pytest

from support import pairs


def _dump(cluster: pairs.Cluster, db: str) -> str:
    """The schema dump (tables, indexes, triggers, grants, schemas, extensions), less the random
    key newer pg_dump versions write into its backslash-restrict lines."""
    text = pairs.run(["pg_dump", "--schema-only", "--dbname", db], env=cluster.env())
    return "\n".join(line for line in text.splitlines() if not line.startswith("\\"))


def _roles(cluster: pairs.Cluster) -> list[str]:
    with psycopg.connect(cluster.dsn("postgres")) as conn:
        rows = conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'sai\\_etl%' ORDER BY 1"
        ).fetchall()
    return [name for (name,) in rows]


@pytest.fixture(scope="module")
def cluster() -> Iterator[pairs.Cluster]:
    """A cluster of this module's own: roles are cluster-wide, and only here is this pair alone."""
    made = pairs.new_cluster("uninstall")
    yield made
    made.remove()


def _fresh(cluster: pairs.Cluster) -> tuple[pairs.Pair, str]:
    """An n8n database with the real schema and executions, an empty dashboard database, and the
    n8n schema dump taken before sai-etl touches them."""
    tag = pairs.unique("un")
    pair = pairs.Pair(cluster, f"{tag}_n8n", cluster, f"{tag}_dash")
    for db in (pair.n8n_db, pair.dashboard_db):
        pairs.run(["createdb", db], env=cluster.env())
    for part in ("schema.sql", "executions.sql"):
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pair.n8n_db]
        pairs.run([*psql, "-f", str(pairs.FIXTURES / part)], env=cluster.env())
    return pair, _dump(cluster, pair.n8n_db)


def test_migrate_dry_run_lists_everything_and_writes_nothing(cluster: pairs.Cluster) -> None:
    pair, before = _fresh(cluster)
    out = pair.sai_etl("migrate", "--dry-run")
    assert (
        "n8n: 3 migration(s) would be applied ['0001_stage1', '0003_grants_one_offs', "
        "'0004_link_bounds']"
    ) in out
    assert "dashboard: 9 migration(s) would be applied ['0001_stage1'," in out
    assert _dump(cluster, pair.n8n_db) == before
    with psycopg.connect(pair.dashboard_dsn) as conn:
        (tables,) = conn.execute(
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        ).fetchone()
    assert tables == 0
    pair.sai_etl("migrate")
    assert "n8n: 0 migration(s) would be applied" in pair.sai_etl("migrate", "--dry-run")
    pair.sai_etl("uninstall", "--yes")  # roles are the cluster's: leave none to the next test
    pair.drop()


def test_uninstall_leaves_n8n_exactly_as_it_was(cluster: pairs.Cluster) -> None:
    assert _roles(cluster) == []
    pair, before = _fresh(cluster)
    pair.sai_etl("migrate")
    pair.sai_etl("workflows", "add", *pairs.SAI_WORKFLOWS)
    assert "17 added" in pair.sai_etl("backfill", "--since", "20000d")
    assert _dump(cluster, pair.n8n_db) != before  # the trigger, schema sai_etl, the grants
    assert len(_roles(cluster)) == 5  # three groups, two link logins

    refused = subprocess.run(
        [pairs.SAI_ETL, "uninstall"],
        env=pair.env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=pairs.COMMAND_TIMEOUT,
    )
    assert refused.returncode == 1 and "not confirmed" in refused.stderr
    assert "would remove" in pair.sai_etl("uninstall", "--dry-run")
    assert len(_roles(cluster)) == 5 and _dump(cluster, pair.n8n_db) != before

    out = pair.sai_etl("uninstall", "--yes")
    assert "n8n: 3 migration(s) rolled back" in out
    assert _dump(cluster, pair.n8n_db) == before
    assert _roles(cluster) == []
    with psycopg.connect(pair.n8n_dsn) as conn:
        (executions,) = conn.execute("SELECT count(*) FROM execution_entity").fetchone()
    assert executions == 18
    with psycopg.connect(pair.dashboard_dsn) as conn:
        left = (
            conn.execute(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            ).fetchone()[0]
            + conn.execute("SELECT count(*) FROM pg_foreign_server").fetchone()[0]
        )
    assert left == 0
    pair.drop()
