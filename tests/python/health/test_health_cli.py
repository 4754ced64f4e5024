"""`sai-etl health` and `sai-etl status` as a monitoring system and a person run them: real
processes against a pair of databases of their own, exit codes, the three formats."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

from support import pairs
from support.pairs import Pair

UNREACHABLE_DSN = "host=/nonexistent/sai-etl-socket-dir port=5999 dbname=sai_dashboard"


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    fresh = pairs.new_pair("health_cli", workflows=False)
    try:
        yield fresh
    finally:
        fresh.drop()


@pytest.fixture
def dash(pair: Pair) -> Iterator[psycopg.Connection]:
    """The pair's dashboard, emptied of everything health reads; settings restored afterwards."""
    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as conn:
        settings = conn.execute("SELECT key, value FROM etl_settings").fetchall()
        conn.execute(
            "TRUNCATE executions, etl_sweep_runs, etl_runner_heartbeats, etl_maintenance, "
            "etl_data_quality_days CASCADE"
        )
        yield conn
        with conn.transaction():
            for key, value in settings:
                conn.execute("UPDATE etl_settings SET value = %s WHERE key = %s", [value, key])


def sai_etl(*args: str, dsn: str, tty: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAI_DASHBOARD_DSN": dsn}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "sai_etl.cli", *args]
    if not tty:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    leader, follower = pty.openpty()
    with subprocess.Popen(command, env=env, stdout=follower, stderr=subprocess.PIPE) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(leader)
    return subprocess.CompletedProcess(command, proc.returncode, b"".join(chunks).decode(), "")


def add_executions(conn: psycopg.Connection, ids: range) -> None:
    conn.execute(
        "INSERT INTO executions (id, workflow_id, execution_timestamp, completion_timestamp, "
        "duration_ms, status, mode, timing_complete, ingest_source, created_at) "
        "SELECT i, 'yDbfhooKemfhMIkC', now() - interval '2 seconds', now() - interval '2 seconds', "
        "0, 'success', 'webhook', true, 'trigger', now() - interval '1 second' "
        "FROM unnest(%s::bigint[]) AS i",
        [list(ids)],
    )


def metrics(text: str) -> dict[str, Any]:
    return {family.name: family for family in text_string_to_metric_families(text)}


def sample(families: dict[str, Any], name: str, **labels: str) -> float:
    for family in families.values():
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return s.value
    raise AssertionError(f"no sample {name}{labels}")


def test_healthy_exits_0_without_colour_off_a_terminal(dash: psycopg.Connection) -> None:
    dash.execute("SELECT etl_heartbeat('runner-a:1', 'idle')")
    result = sai_etl("health", dsn=dash.info.dsn)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": healthy" in result.stdout
    assert "runner-a:1" in result.stdout
    assert "\x1b[" not in result.stdout


def test_colour_on_a_terminal(dash: psycopg.Connection) -> None:
    result = sai_etl("health", dsn=dash.info.dsn, tty=True)
    assert result.returncode == 2  # runner_silent: CRITICAL
    assert "\x1b[31" in result.stdout  # the firing alert, in red
    assert "runner_silent" in result.stdout


def test_firing_warning_exits_1(dash: psycopg.Connection) -> None:
    dash.execute("SELECT etl_heartbeat('runner-a:1')")
    dash.execute("UPDATE etl_settings SET value = '2' WHERE key = 'alert_pending_max'")
    add_executions(dash, range(1, 4))
    dash.execute("INSERT INTO etl_processing_queue (execution_id) SELECT id FROM executions")
    result = sai_etl("health", dsn=dash.info.dsn)
    assert result.returncode == 1
    assert "UNHEALTHY: 1 alert firing" in result.stdout
    assert "3 items pending Stage 2 (alert above 2)" in result.stdout


def test_unreachable_database_exits_3_unknown() -> None:
    result = sai_etl("health", dsn=UNREACHABLE_DSN)
    assert result.returncode == 3
    assert "cannot read health from the dashboard" in result.stderr
    assert result.stdout == ""


def test_unreachable_database_in_prometheus_is_up_0() -> None:
    result = sai_etl("health", "--prometheus", dsn=UNREACHABLE_DSN)
    assert result.returncode == 3
    families = metrics(result.stdout)
    assert list(families) == ["sai_etl_up"]
    assert sample(families, "sai_etl_up") == 0


def test_json_is_the_health_document(dash: psycopg.Connection) -> None:
    add_executions(dash, range(1, 6))
    dash.execute(
        "INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at, "
        "processing_time_ms) SELECT id, CASE WHEN id <= 2 THEN 'completed' ELSE 'pending' END, "
        "1, CASE WHEN id <= 2 THEN now() END, CASE WHEN id <= 2 THEN 1000 * id END FROM executions"
    )
    result = sai_etl("health", "--json", dsn=dash.info.dsn)
    assert result.returncode == 2  # no runner has sent a heartbeat: CRITICAL
    doc = json.loads(result.stdout)
    assert doc["etl"]["stage1"]["processed"] == 5
    assert doc["etl"]["stage2"] == {
        "processed": 2,
        "avgProcessingTimeMs": 1500.0,
        "p50ProcessingTimeMs": 1500.0,
        "p99ProcessingTimeMs": 1990.0,
    }
    assert doc["etl"]["pipeline"]["pending_deep_extraction"] == 3
    assert doc["healthy"] is False
    assert [a["alert"] for a in doc["alerts"]] == ["runner_silent"]
    (stored,) = dash.execute("SELECT etl_health_json() -> 'queue_health'").fetchone()
    moving = {"live_tuples", "dead_tuples", "last_vacuum", "oldest_xmin_age", "oldest_xmin_holder"}
    moving.add("oldest_xmin_since")  # statistics and other sessions change between two reads
    assert {k: v for k, v in doc["queue_health"].items() if k not in moving} == {
        k: v for k, v in stored.items() if k not in moving
    }


def test_prometheus_parses_and_carries_the_figures(dash: psycopg.Connection) -> None:
    add_executions(dash, range(1, 5))
    dash.execute(
        "INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at, "
        "processing_time_ms) VALUES (1, 'completed', 1, now(), 1200), "
        "(2, 'pending', 0, NULL, NULL), (3, 'pending', 0, NULL, NULL), "
        "(4, 'failed', 5, now(), NULL)"
    )
    dash.execute(
        "INSERT INTO execution_analysis (execution_id, analysis_source, alert_level) "
        "VALUES (1, 'ollama', 'low'), (2, 'ollama', NULL)"
    )
    dash.execute("SELECT etl_refresh_data_quality()")
    result = sai_etl("health", "--prometheus", dsn=dash.info.dsn)
    assert result.returncode == 2  # runner_silent (critical) and failed_increasing (warning)
    families = metrics(result.stdout)
    assert all(name.startswith("sai_etl_") for name in families)
    assert all(family.documentation for family in families.values())
    helps = [line for line in result.stdout.splitlines() if line.startswith("# HELP ")]
    types = [line for line in result.stdout.splitlines() if line.startswith("# TYPE ")]
    assert len(helps) == len(types) == len(families)
    assert sample(families, "sai_etl_up") == 1
    assert sample(families, "sai_etl_healthy") == 0
    assert sample(families, "sai_etl_queue_items", status="pending") == 2
    assert sample(families, "sai_etl_queue_items", status="failed") == 1
    assert sample(families, "sai_etl_stage2_processing_seconds", quantile="0.5") == 1.2
    assert sample(families, "sai_etl_stage2_processing_seconds_avg") == 1.2
    assert sample(families, "sai_etl_data_quality_ratio", field="risk_level") == 0.25
    assert sample(families, "sai_etl_data_quality_ratio", field="analysis") == 0.5
    assert sample(families, "sai_etl_alert_firing", alert="runner_silent", severity="critical") == 1
    assert (
        sample(families, "sai_etl_alert_firing", alert="failed_increasing", severity="warning") == 1
    )
    assert families["sai_etl_queue_pruned"].type == "counter"
    # Unknown figures have no sample rather than a made-up zero.
    stage1_lag = families["sai_etl_stage1_lag_seconds"].samples
    assert {s.labels["quantile"] for s in stage1_lag} == {"0.5", "0.99"}
    assert len(families["sai_etl_stage1_lag_seconds_max"].samples) == 1
    assert families["sai_etl_outbox_oldest_timestamp_seconds"].samples == []


def test_outbox_not_draining_is_read_through_the_link(pair: Pair, dash: psycopg.Connection) -> None:
    dash.execute("SELECT etl_heartbeat('runner-a:1')")
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        n8n.execute(
            "INSERT INTO sai_etl.outbox (execution_id, workflow_id, status, mode, queued_at) "
            "VALUES (77, 'yDbfhooKemfhMIkC', 'success', 'webhook', now() - interval '10 minutes')"
        )
        try:
            result = sai_etl("health", "--json", dsn=pair.dashboard_dsn)
        finally:
            n8n.execute("DELETE FROM sai_etl.outbox WHERE execution_id = 77")
    doc = json.loads(result.stdout)
    assert result.returncode == 2  # outbox_not_draining is critical
    assert doc["pipeline_health"]["outbox_depth"] == 1
    assert [a["alert"] for a in doc["alerts"]] == ["outbox_not_draining"]
    assert doc["alerts"][0]["observed"] >= 600


def test_vacuum_held_back_names_the_holder(pair: Pair, dash: psycopg.Connection) -> None:
    dash.execute("SELECT etl_heartbeat('runner-a:1')")
    dash.execute("UPDATE etl_settings SET value = '0 seconds' WHERE key = 'alert_xmin_age'")
    with psycopg.connect(pair.dashboard_dsn, application_name="forgotten-report") as holder:
        holder.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        holder.execute("SELECT count(*) FROM executions")
        result = sai_etl("health", "--json", dsn=pair.dashboard_dsn)
        holder.rollback()
    doc = json.loads(result.stdout)
    assert "forgotten-report" in doc["queue_health"]["oldest_xmin_holder"]
    assert [a["alert"] for a in doc["alerts"]] == ["vacuum_held_back"]


def test_dead_tuples_of_the_queue_show(dash: psycopg.Connection) -> None:
    dash.execute("ALTER TABLE etl_processing_queue SET (autovacuum_enabled = false)")
    try:
        add_executions(dash, range(1, 201))
        dash.execute("INSERT INTO etl_processing_queue (execution_id) SELECT id FROM executions")
        dash.execute("DELETE FROM etl_processing_queue")
        dash.execute("SELECT pg_stat_force_next_flush()")
        dash.execute("SELECT 1")  # the flush happens at the end of a statement
        doc = json.loads(sai_etl("health", "--json", dsn=dash.info.dsn).stdout)
    finally:
        dash.execute("ALTER TABLE etl_processing_queue RESET (autovacuum_enabled)")
    assert doc["queue_health"]["dead_tuples"] >= 200


def test_maintenance_runs_in_one_session_at_a_time(pair: Pair, dash: psycopg.Connection) -> None:
    with psycopg.connect(pair.dashboard_dsn) as first:
        first.execute("SELECT * FROM etl_maintenance()")  # holds its lock until commit
        (other,) = dash.execute("SELECT to_jsonb(m) FROM etl_maintenance() AS m").fetchone()
        first.commit()
    assert other == {"pruned": None, "quality_days": None, "heartbeats_pruned": None}
    (after,) = dash.execute("SELECT (etl_maintenance()).pruned").fetchone()
    assert after == 0


def test_status_of_an_execution(dash: psycopg.Connection) -> None:
    add_executions(dash, range(5, 6))
    dash.execute(
        "INSERT INTO etl_processing_queue (execution_id, status, attempts, last_error, "
        "completed_at) VALUES (5, 'failed', 5, 'extraction failed: boom', now())"
    )
    result = sai_etl("status", "5", dsn=dash.info.dsn)
    assert result.returncode == 0
    assert "execution 5: in the dashboard" in result.stdout
    assert "Stage 2 failed after 5 attempts: extraction failed: boom; `sai-etl retry 5`" in (
        result.stdout
    )
    assert "\x1b[" not in result.stdout

    doc = json.loads(sai_etl("status", "5", "--json", dsn=dash.info.dsn).stdout)
    assert doc["queue"]["attempts"] == 5
    assert doc["n8n"] == {"reachable": True, "found": False}


def test_status_of_an_unknown_execution_exits_1(dash: psycopg.Connection) -> None:
    result = sai_etl("status", "424242", dsn=dash.info.dsn)
    assert result.returncode == 1
    assert "neither the dashboard nor n8n has this execution" in result.stdout


def _counters(conn: psycopg.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT name, value FROM etl_counters").fetchall())


def test_counters_only_grow_and_the_exporter_shows_them(dash: psycopg.Connection) -> None:
    """Outcomes are counted as they happen and stay counted when the queue rows are gone."""
    before = _counters(dash)
    add_executions(dash, range(1, 5))
    dash.execute(
        "INSERT INTO etl_processing_queue (execution_id, status, attempts, completed_at) VALUES "
        "(1, 'completed', 1, now()), (2, 'failed', 5, now()), (3, 'pending', 1, NULL), "
        "(4, 'pending', 0, NULL)"
    )
    # A second attempt of item 3 (a retry), a first of item 4 (not one), both then completed.
    dash.execute("UPDATE etl_processing_queue SET attempts = attempts + 1 WHERE execution_id > 2")
    dash.execute(
        "UPDATE etl_processing_queue SET status = 'completed', completed_at = now() "
        "WHERE execution_id > 2"
    )
    dash.execute(
        "INSERT INTO execution_images (execution_id, source, valid, size_bytes, sha256, "
        "original_path, thumbnail_path) VALUES (1, 'binary', true, 1234, 'x', 'o/1', 't/1')"
    )
    grown = {k: v - before[k] for k, v in _counters(dash).items()}
    assert grown == {
        "completed": 3,
        "failed": 1,
        "skipped": 0,
        "retried": 1,
        "image_bytes_written": 1234,
    }
    dash.execute("DELETE FROM etl_processing_queue")
    after = _counters(dash)
    assert after == {k: before[k] + grown[k] for k in before}

    families = metrics(sai_etl("health", "--prometheus", dsn=dash.info.dsn).stdout)
    assert families["sai_etl_items"].type == "counter"
    for outcome in ("completed", "failed", "skipped", "retried"):
        assert sample(families, "sai_etl_items_total", outcome=outcome) == after[outcome]
    assert sample(families, "sai_etl_image_bytes_written_total") == after["image_bytes_written"]
