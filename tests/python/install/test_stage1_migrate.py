"""`sai-etl migrate` and the two links: idempotent, rotating passwords on request only, one pair's
set-up never breaking another's, and no link password in pg_stat_activity or the server log."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest

from support import n8n_writes, pairs

DASHBOARD_PROBE = "SELECT x FROM sai_etl.dblink('sai_dashboard', 'SELECT 1') AS t (x integer)"
N8N_PROBE = "SELECT count(*) FROM n8n.watched_workflows"


def _mapping(dsn: str, server: str) -> dict[str, str]:
    """The options of the migrating user's mapping for a link's server (user, password)."""
    with psycopg.connect(dsn) as conn:
        (options,) = conn.execute(
            "SELECT umoptions FROM pg_user_mappings WHERE srvname = %s AND usename = current_user",
            [server],
        ).fetchone()
    return dict(option.split("=", 1) for option in options)


def _password_hash(dsn: str, role: str) -> str:
    with psycopg.connect(dsn) as conn:
        (hashed,) = conn.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", [role]
        ).fetchone()
    return hashed


def _link_roles(pair: pairs.Pair) -> dict[str, str]:
    """role -> its password hash, for the roles the two links log in as."""
    ingest = _mapping(pair.n8n_dsn, "sai_dashboard")["user"]
    reader = _mapping(pair.dashboard_dsn, "sai_n8n")["user"]
    return {
        ingest: _password_hash(pair.dashboard_dsn, ingest),
        reader: _password_hash(pair.n8n_dsn, reader),
    }


def _links_work(pair: pairs.Pair) -> None:
    """Both links answer, and a finished execution travels through the trigger."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        assert n8n.execute(DASHBOARD_PROBE).fetchone() == (1,)
        execution_id, _ = n8n_writes.write_execution(n8n, pairs.SAI_WORKFLOWS[0])
        assert n8n_writes.settle(n8n) is None
    with psycopg.connect(pair.dashboard_dsn) as dash:
        assert dash.execute(N8N_PROBE).fetchone() == (len(pairs.SAI_WORKFLOWS),)
        source = dash.execute(
            "SELECT ingest_source FROM executions WHERE id = %s", [execution_id]
        ).fetchone()
    assert source == ("trigger",)


def test_migrate_again_changes_nothing(pair: pairs.Pair) -> None:
    before = _link_roles(pair)
    out = pair.sai_etl("migrate")
    assert "n8n: 0 migration(s) applied" in out
    assert "dashboard: 0 migration(s) applied" in out
    assert f"link sai_dashboard -> {pair.dashboard_db}: working" in out
    assert f"link sai_n8n -> {pair.n8n_db}: working" in out
    assert _link_roles(pair) == before
    _links_work(pair)


def test_rotate_link_passwords(pair: pairs.Pair) -> None:
    before = _link_roles(pair)
    out = pair.sai_etl("migrate", "--rotate-link-passwords")
    assert f"link sai_dashboard -> {pair.dashboard_db}: configured, new password" in out
    assert f"link sai_n8n -> {pair.n8n_db}: configured, new password" in out
    after = _link_roles(pair)
    assert after.keys() == before.keys()
    assert all(after[role] != before[role] for role in before)
    _links_work(pair)


def test_another_pair_in_the_same_cluster_leaves_these_links_working(pair: pairs.Pair) -> None:
    other = pairs.new_pair("other")
    try:
        _links_work(other)
        _links_work(pair)
        other.sai_etl("migrate", "--rotate-link-passwords")
        _links_work(pair)
    finally:
        other.drop()


@pytest.fixture
def verbose_cluster(second_cluster: pairs.Cluster) -> Iterator[pairs.Cluster]:
    """The second cluster logging every statement and its duration (what a DBA might turn on)."""
    settings = {"log_statement": "all", "log_min_duration_statement": "0"}
    with psycopg.connect(second_cluster.dsn("postgres"), autocommit=True) as conn:
        for name, value in settings.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        conn.execute("SELECT pg_reload_conf()")
    yield second_cluster
    with psycopg.connect(second_cluster.dsn("postgres"), autocommit=True) as conn:
        for name in settings:
            conn.execute(f"ALTER SYSTEM RESET {name}")
        conn.execute("SELECT pg_reload_conf()")


def test_no_password_in_activity_or_server_log(verbose_cluster: pairs.Cluster) -> None:
    pair = pairs.new_pair("quiet", dashboard_cluster=verbose_cluster, n8n_cluster=verbose_cluster)
    seen: set[str] = set()
    stop = threading.Event()

    def watch() -> None:
        with psycopg.connect(verbose_cluster.dsn("postgres"), autocommit=True) as conn:
            conn.execute("SET log_statement = 'none'")
            conn.execute("SET log_min_duration_statement = -1")
            while not stop.is_set():
                for (query,) in conn.execute(
                    "SELECT query FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    "AND query <> ''"
                ):
                    seen.add(query)

    watcher = threading.Thread(target=watch, daemon=True)
    log_start = verbose_cluster.server_log.stat().st_size
    watcher.start()
    try:
        pair.sai_etl("migrate", "--rotate-link-passwords")
    finally:
        stop.set()
        watcher.join(timeout=10)
    try:
        with verbose_cluster.server_log.open("rb") as log:
            log.seek(log_start)
            log_text = log.read().decode("utf-8", "replace")
        passwords = [
            _mapping(pair.n8n_dsn, "sai_dashboard")["password"],
            _mapping(pair.dashboard_dsn, "sai_n8n")["password"],
        ]
        # The watcher did see migrate at work, and the log did record its statements.
        assert any("link_secret" in query for query in seen)
        assert "link_secret" in log_text
        for password in passwords:
            assert len(password) >= 32
            assert not [query for query in seen if password in query]
            assert password not in log_text
    finally:
        pair.drop()
