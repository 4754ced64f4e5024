"""No link password in function text, views, catalogs, the server log, pg_stat_statements or
migrate's output, also when a rotation fails half-way.

A private cluster runs with the settings that expose the most: every statement logged with its
bind parameters (log_statement = all, log_min_duration_statement = 0) and nested statements
tracked by pg_stat_statements (track = all). `scripts/setup-db` installs a pair of databases on
it (`sai-etl migrate`: the first passwords), `sai-etl migrate --rotate-link-passwords` sets new
ones, and a third rotation fails on a lock. The passwords are read back from the user mappings
(a superuser may) and searched for everywhere. (test_stage1_migrate.py samples pg_stat_activity
during a rotation.)
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from support import pairs

EXPOSING_SETTINGS = {
    "log_statement": "all",
    "log_min_duration_statement": "0",
    "log_parameter_max_length": "-1",
    "log_parameter_max_length_on_error": "-1",
    "shared_preload_libraries": "pg_stat_statements",
    "pg_stat_statements.track": "all",
    "pg_stat_statements.track_utility": "on",
}
# A password as a statement holds it: ALTER ROLE ... PASSWORD '...', OPTIONS (password '...').
LITERAL = re.compile(r"password\s+'[^']", re.IGNORECASE)


@dataclass
class Observed:
    cluster: pairs.Cluster
    pair: pairs.Pair
    passwords: list[str] = field(default_factory=list)
    output: str = ""
    failed_output: str = ""  # of a rotation that failed half-way (a lock timeout on the role)

    @property
    def log(self) -> str:
        return self.cluster.server_log.read_text(errors="replace")


def _mapping(dsn: str, server: str) -> dict[str, str]:
    with psycopg.connect(dsn) as conn:
        (options,) = conn.execute(
            "SELECT umoptions FROM pg_user_mappings WHERE srvname = %s", [server]
        ).fetchone()
    return dict(option.split("=", 1) for option in options)


def _passwords(pair: pairs.Pair) -> list[str]:
    return [
        _mapping(pair.n8n_dsn, "sai_dashboard")["password"],
        _mapping(pair.dashboard_dsn, "sai_n8n")["password"],
    ]


def _rotate_against_a_lock(pair: pairs.Pair) -> str:
    """Rotate while another transaction holds the row of the dashboard link's role: the ALTER
    ROLE that carries the new password fails (lock timeout). migrate's output."""
    role = _mapping(pair.n8n_dsn, "sai_dashboard")["user"]
    with psycopg.connect(pair.dashboard_dsn) as blocker:
        blocker.execute(f'ALTER ROLE "{role}" CONNECTION LIMIT -1')  # holds the row until rollback
        failed = subprocess.run(
            [pairs.SAI_ETL, "migrate", "--rotate-link-passwords"],
            env={**pair.env(), "PGOPTIONS": "-c lock_timeout=500"},
            capture_output=True,
            text=True,
            timeout=pairs.COMMAND_TIMEOUT,
            check=False,
        )
        blocker.rollback()
    assert failed.returncode != 0, "the rotation must have failed on the lock"
    assert "lock timeout" in failed.stderr, failed.stderr
    return failed.stdout + failed.stderr


@pytest.fixture(scope="module")
def observed() -> Iterator[Observed]:
    cluster = pairs.new_cluster("seclog")
    try:
        cluster.ctl("stop")
        with (Path(cluster.host) / "data" / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = '{value}'\n" for name, value in EXPOSING_SETTINGS.items())
        cluster.ctl("start")
        with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION pg_stat_statements")
        pair = pairs.Pair(cluster, "sec_n8n", cluster, "sec_dash")
        result = Observed(cluster, pair)
        result.output += pairs.run(
            [str(pairs.ROOT / "scripts" / "setup-db"), cluster.name, pair.n8n_db, pair.dashboard_db]
        )
        result.passwords += _passwords(pair)
        result.output += pair.sai_etl("migrate", "--rotate-link-passwords")
        result.passwords += _passwords(pair)
        result.failed_output = _rotate_against_a_lock(pair)
        yield result
    finally:
        cluster.remove()


def _leaks(observed: Observed, texts: list[str]) -> list[str]:
    return [text[:200] for text in texts if any(p in text for p in observed.passwords)]


def test_migrate_set_and_rotated_both_link_passwords(observed: Observed) -> None:
    # Two links, two rounds: four distinct strong passwords, or the searches below prove nothing.
    assert len(observed.passwords) == 4
    assert len(set(observed.passwords)) == 4
    assert all(len(p) >= 32 for p in observed.passwords)


def test_no_password_in_function_bodies_views_or_catalogs(observed: Observed) -> None:
    texts: list[str] = []
    for dsn in (observed.pair.n8n_dsn, observed.pair.dashboard_dsn):
        with psycopg.connect(dsn) as conn:
            for query in (
                "SELECT prosrc FROM pg_proc",
                "SELECT array_to_string(proconfig, ' ') FROM pg_proc WHERE proconfig IS NOT NULL",
                "SELECT pg_get_viewdef(oid) FROM pg_class WHERE relkind IN ('v', 'm')",
                "SELECT description FROM pg_description",
                "SELECT description FROM pg_shdescription",
                "SELECT array_to_string(srvoptions, ' ') FROM pg_foreign_server",
                "SELECT array_to_string(ftoptions, ' ') FROM pg_foreign_table",
                "SELECT array_to_string(setconfig, ' ') FROM pg_db_role_setting",
                "SELECT coalesce(current_setting('sai_etl.link_secret', true), '')",
            ):
                texts += [row[0] for row in conn.execute(query) if row[0]]
    assert len(texts) > 1000  # every function body of both databases was read
    assert _leaks(observed, texts) == []


def test_no_password_in_the_server_log_with_every_statement_and_parameter_logged(
    observed: Observed,
) -> None:
    log = observed.log
    assert "sai_etl.link_secret" in log, "the log holds migrate's statements"
    assert _leaks(observed, log.splitlines()) == []


def test_no_password_in_pg_stat_statements_tracking_nested_statements(
    observed: Observed,
) -> None:
    with psycopg.connect(observed.cluster.dsn("postgres")) as conn:
        texts = [q for (q,) in conn.execute("SELECT query FROM pg_stat_statements")]
    assert any("sai_etl.link_secret" in q for q in texts), "migrate's statements are tracked"
    assert _leaks(observed, texts) == []


def test_no_password_in_migrate_output(observed: Observed) -> None:
    assert "link sai_n8n" in observed.output
    assert _leaks(observed, observed.output.splitlines()) == []


def test_a_failed_rotation_quotes_no_statement_with_its_password(observed: Observed) -> None:
    # The password it tried was never stored, so look for the statement that carried it.
    assert LITERAL.findall(observed.failed_output) == []
    log = observed.log
    assert "lock timeout" in log
    assert LITERAL.findall(log) == []
