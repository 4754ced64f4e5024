"""The runner needs nothing beyond role sai_etl_runner: it sweeps n8n's outbox, claims, stores,
acknowledges, heartbeats and does the housekeeping with that role's privileges only (no
superuser, as under systemd)."""

from __future__ import annotations

import secrets
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from support.runner_support import play, query, run_once, runner_env, setup_pair


def _as_runner(dsn: str, password: str) -> str:
    return make_conninfo(dsn, user="sai_etl_runner", password=password)


def test_runner_role_sweeps_claims_and_stores(private_cluster: str, tmp_path: Path) -> None:
    pair = setup_pair(private_cluster, "runner_role")
    password = secrets.token_urlsafe(16)
    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER ROLE sai_etl_runner PASSWORD {}").format(sql.Literal(password)))
    # The dashboard is away while n8n finishes two executions: they wait in n8n's outbox.
    dbname = conninfo_to_dict(pair.dashboard_dsn)["dbname"]
    away = "ALTER SERVER sai_dashboard OPTIONS (SET dbname {})"
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL(away).format(sql.Literal("no_such_database")))
        ids = play(pair, 2, error_rate=0)
        conn.execute(sql.SQL(away).format(sql.Literal(dbname)))
    assert query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox") == [(2,)]

    env = runner_env(pair, tmp_path)
    env["SAI_DASHBOARD_DSN"] = _as_runner(pair.dashboard_dsn, password)
    env["SAI_N8N_DSN"] = _as_runner(pair.n8n_dsn, password)
    out = run_once(env)

    assert "swept outbox_drained=2" in out, out
    assert "-failed" not in out  # sweep, maintenance
    assert query(
        pair.dashboard_dsn,
        "SELECT e.id, e.ingest_source, q.status, i.valid FROM executions AS e "
        "JOIN etl_processing_queue AS q ON q.execution_id = e.id "
        "JOIN execution_images AS i ON i.execution_id = e.id ORDER BY 1",
    ) == [(i, "outbox", "completed", True) for i in ids]
    assert query(pair.n8n_dsn, "SELECT count(*) FROM sai_etl.outbox") == [(0,)]
    # It told health it was alive, under the name it claims with.
    assert query(
        pair.dashboard_dsn,
        "SELECT h.status, h.worker = ALL (SELECT claimed_by FROM etl_processing_queue) "
        "FROM etl_runner_heartbeats AS h",
    ) == [("stopped", True)]
