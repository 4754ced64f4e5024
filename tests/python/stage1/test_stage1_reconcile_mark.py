"""The reconcile finds every finished, watched execution the dashboard lacks however old the gap
(not only the last reconcile_window), and costs n8n no sequential scan of execution_entity: it
reads a range of n8n's primary key above its high-water mark. The plans n8n ran are taken from
n8n's own server log (auto_explain for every statement of the test database's sessions, the
dashboard's postgres_fdw link among them)."""

from __future__ import annotations

import contextlib

import psycopg

from support import pairs
from support.runner_support import query

# n8n's history: 20,000 executions of an unrelated workflow, days old, every one finished.
HISTORY = """
INSERT INTO execution_entity
    (id, finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt")
SELECT i, true, 'webhook', 'success', 'otherWorkflow001',
       now() - interval '5 days', now() - interval '5 days', now() - interval '5 days'
FROM generate_series(1, 20000) AS i
"""
# Then 50 watched executions that stopped three days ago and that Stage 1 never delivered
# (triggers off: as if the outbox or the dashboard lost them).
GAP = """
INSERT INTO execution_entity
    (id, finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt")
SELECT i, true, 'webhook', 'success', %s,
       now() - interval '3 days', now() - interval '3 days', now() - interval '3 days'
FROM generate_series(20001, 20050) AS i
"""


def test_reconcile_finds_an_old_gap_without_a_seq_scan(cleanup: contextlib.ExitStack) -> None:
    cluster = pairs.new_cluster("s1mark")
    cleanup.callback(cluster.remove)
    pair = pairs.new_pair("mark", dashboard_cluster=cluster, n8n_cluster=cluster)
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        n8n.execute("SET session_replication_role = replica")
        n8n.execute(HISTORY)
        n8n.execute("ANALYZE execution_entity")
    # The first reconcile sets the mark (where reconcile_window starts: past all of the history).
    assert query(pair.dashboard_dsn, "SELECT etl_reconcile()") == [(0,)]
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        n8n.execute("SET session_replication_role = replica")
        n8n.execute(GAP, [pairs.SAI_WORKFLOWS[0]])
        n8n.execute("ANALYZE execution_entity")
        n8n.execute(f"ALTER DATABASE {pair.n8n_db} SET session_preload_libraries = 'auto_explain'")
        n8n.execute(f"ALTER DATABASE {pair.n8n_db} SET auto_explain.log_min_duration = 0")
    log_start = cluster.server_log.stat().st_size

    # A new dashboard session: a new postgres_fdw connection, which loads auto_explain.
    found = query(pair.dashboard_dsn, "SELECT etl_reconcile()")
    again = query(pair.dashboard_dsn, "SELECT etl_reconcile()")

    with cluster.server_log.open() as log:
        log.seek(log_start)
        plans = log.read()
    recorded = query(
        pair.dashboard_dsn,
        "SELECT count(*), min(id), max(id), min(ingest_source) FROM executions",
    )
    assert "execution_entity" in plans, "auto_explain logged no plan of the link's queries"
    seq = [line for line in plans.splitlines() if "Seq Scan on execution_entity" in line]
    assert seq == [], f"the reconcile scanned n8n's whole table:\n{plans[-4000:]}"
    assert found == [(50,)], "the three-day-old gap was not found"
    assert recorded == [(50, 20001, 20050, "reconcile")]
    assert again == [(0,)]
    assert query(pair.dashboard_dsn, "SELECT checked_through FROM etl_reconcile_mark") == [(20050,)]
