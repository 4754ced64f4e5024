"""Health views and functions on a big dashboard: 1,000,000 executions (50 days, with Stage 2
rows), a 100,000-item queue, a week of sweeps; n8n holds the 18 fixture executions plus 1,000
recent ones the dashboard lacks. Prints each view's and function's time (median and p95 of 20
runs, client side), whether it ran a sequential scan of executions (pg_stat_user_tables
counters, so nested statements count too), the scans of executions in each view's plan, and the
remote SQL the n8n link sends. Run with `scripts/bench health`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = os.environ.get("SAI_BENCH_CLUSTER", "bench")
EXECUTIONS = 1_000_000
QUEUE = 100_000
DAYS = 50
RUNS = 20

GENERATE_DASHBOARD = f"""
INSERT INTO executions (
    id, workflow_id, execution_timestamp, completion_timestamp, duration_ms, status, mode,
    timing_complete, ingest_source, created_at, node_id, device_id, camera_id
)
SELECT i, 'yDbfhooKemfhMIkC', t - interval '3 seconds', t, 3000,
       CASE WHEN i % 50 = 0 THEN 'error' ELSE 'success' END, 'webhook', i % 1000 <> 0,
       CASE WHEN i % 200 = 0 THEN 'reconcile' WHEN i % 997 = 0 THEN 'outbox' ELSE 'trigger' END,
       t + make_interval(secs => 0.02 + random() * 0.08),
       CASE WHEN i % 20 <> 0 THEN 'NODE_' || (i % 7) END,
       CASE WHEN i % 20 <> 0 THEN 'NODE_' || (i % 7) END,
       CASE WHEN i % 20 <> 0 THEN 'cam_' || (i % 40) END
FROM generate_series(1, {EXECUTIONS}) AS i
CROSS JOIN LATERAL (
    SELECT now() - make_interval(secs => ({EXECUTIONS} - i) * {DAYS} * 86400.0 / {EXECUTIONS}) AS t
) AS ts;

INSERT INTO execution_analysis (
    execution_id, analysis_source, alert_level, confidence_score, analysis_text, yolo_model_version,
    has_smoke, flame_detected, heat_signature_detected, yolo_processing_time_ms
)
SELECT i, 'ollama', (ARRAY['none', 'low', 'medium', 'high', 'critical'])[1 + i % 5],
       CASE WHEN i % 10 <> 0 THEN round((random())::numeric, 3) END,
       'Risk level: low. No smoke visible.', 'qwen2.5vl:7b',
       CASE WHEN i % 4 <> 0 THEN i % 3 = 0 END, CASE WHEN i % 4 <> 0 THEN i % 11 = 0 END,
       CASE WHEN i % 2 = 0 THEN false END, 800 + i % 900
FROM generate_series(1, {EXECUTIONS}) AS i
WHERE i % 50 <> 0 AND i % 33 <> 0;

INSERT INTO execution_images (execution_id, source, valid, invalid_reason, format, width, height,
                              size_bytes, original_path, thumbnail_path)
SELECT i, 'binary', i % 101 <> 0, CASE WHEN i % 101 = 0 THEN 'not an image' END,
       CASE WHEN i % 101 <> 0 THEN 'JPEG' END, 1920, 1080, 700000,
       CASE WHEN i % 101 <> 0 THEN (i / 1000) || '/' || i || '.jpg' END,
       CASE WHEN i % 101 <> 0 THEN (i / 1000) || '/' || i || '.webp' END
FROM generate_series(1, {EXECUTIONS}) AS i
WHERE i % 50 <> 0;

INSERT INTO execution_notifications (execution_id, telegram_sent, telegram_message_id)
SELECT i, i % 5 >= 3, CASE WHEN i % 5 >= 3 THEN i END
FROM generate_series(1, {EXECUTIONS}) AS i
WHERE i % 50 <> 0;

-- The queue keeps the newest {QUEUE} items (older ones were pruned): mostly completed, the
-- rest in every other state.
INSERT INTO etl_processing_queue (
    execution_id, status, priority, attempts, deferrals, next_attempt_at, locked_until, claim_token,
    claimed_by, last_error, created_at, started_at, completed_at, processing_time_ms
)
SELECT e.id, s.status, CASE WHEN e.id % 100 = 0 THEN 10 ELSE 1 END,
       CASE s.status WHEN 'pending' THEN e.id % 3 WHEN 'failed' THEN 5 ELSE 1 END,
       CASE WHEN s.status = 'pending' AND e.id % 3 = 0 THEN 2 ELSE 0 END,
       e.ingested_at + CASE WHEN s.status = 'pending' AND e.id % 3 <> 1 THEN interval '10 minutes'
                            ELSE interval '0' END,
       CASE WHEN s.status = 'processing' THEN now() + interval '20 seconds' END,
       CASE WHEN s.status = 'processing' THEN gen_random_uuid() END,
       'bench:1', CASE WHEN s.status IN ('failed', 'skipped') THEN 'extraction failed: bench' END,
       e.ingested_at,
       CASE WHEN s.status <> 'pending' THEN e.ingested_at + interval '200 milliseconds' END,
       CASE WHEN s.status IN ('completed', 'failed', 'skipped')
            THEN e.ingested_at + make_interval(secs => 1 + random()) END,
       CASE WHEN s.status = 'completed' THEN 700 + (e.id % 1000) END
FROM executions AS e
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN e.id > {EXECUTIONS} - 600 THEN 'pending'
        WHEN e.id > {EXECUTIONS} - 620 THEN 'processing'
        WHEN e.id % 331 = 0 THEN 'failed'
        WHEN e.id % 997 = 0 THEN 'skipped'
        ELSE 'completed' END AS status
) AS s
WHERE e.id > {EXECUTIONS} - {QUEUE};

INSERT INTO etl_sweep_runs (started_at, finished_at, outbox_drained, reconciled)
SELECT t, t + interval '40 milliseconds', (i % 97 = 0)::integer, (i % 89 = 0)::integer
FROM generate_series(1, 60480) AS i
CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (60480 - i) * 10) AS t) AS ts;

SELECT etl_heartbeat('bench-a:1', 'busy'), etl_heartbeat('bench-b:2', 'idle');
"""

# 1,000 executions n8n finished in the last half hour that never reached the dashboard (the
# trigger is bypassed), so the "missing" check has something to find.
GENERATE_N8N = """
SET session_replication_role = replica;
INSERT INTO execution_entity (
    id, finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt"
)
SELECT 2000000 + i, true, 'webhook', 'success', 'yDbfhooKemfhMIkC', t, t, t
FROM generate_series(1, 1000) AS i
CROSS JOIN LATERAL (SELECT now() - make_interval(secs => i * 1.8) AS t) AS ts;
"""

MEASURED: dict[str, str] = {
    "etl_queue_health": "SELECT * FROM etl_queue_health",
    "etl_failed_items": "SELECT * FROM etl_failed_items",
    "etl_data_quality": "SELECT * FROM etl_data_quality",
    "etl_data_quality_daily": "SELECT * FROM etl_data_quality_daily",
    "etl_pipeline_health": "SELECT * FROM etl_pipeline_health",
    "etl_alert_checks": "SELECT * FROM etl_alert_checks",
    "etl_alerts": "SELECT * FROM etl_alerts",
    "etl_health_json()": "SELECT etl_health_json()",
    "etl_execution_status(id)": "SELECT etl_execution_status(999000)",
    "etl_n8n_link_health(1 hour)": "SELECT * FROM etl_n8n_link_health(interval '1 hour')",
    "etl_xmin_horizon()": "SELECT * FROM etl_xmin_horizon()",
    "etl_refresh_data_quality() (steady)": "SELECT etl_refresh_data_quality()",
    "etl_prune_queue() (nothing due)": "SELECT etl_prune_queue()",
    "etl_maintenance() (steady)": "SELECT * FROM etl_maintenance()",
}
VIEWS = [name for name in MEASURED if not name.endswith(")") and "(" not in name]


def env() -> dict[str, str]:
    out = subprocess.run(
        [str(ROOT / "scripts" / "pgcluster"), "env", CLUSTER],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    values = dict(os.environ)
    for assignment in out.replace("export ", "").split():
        key, value = assignment.split("=", 1)
        values[key] = value.strip("'")
    return values


def setup_pair() -> tuple[str, str]:
    setup = [str(ROOT / "scripts" / "setup-db"), CLUSTER, "bench_health_n8n", "bench_health_dash"]
    out = subprocess.run(
        [*setup, "--fixtures"], check=True, capture_output=True, text=True, env=env()
    ).stdout
    dsns = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return dsns["SAI_N8N_DSN"].strip("'"), dsns["SAI_DASHBOARD_DSN"].strip("'")


def timed(step: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = action()
    print(f"  {step}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def counters(conn: psycopg.Connection) -> tuple[int, int]:
    """seq_scan, idx_scan of executions, with this session's pending counts flushed."""
    conn.execute("SELECT pg_stat_force_next_flush()")
    conn.execute("SELECT 1")
    conn.execute("SELECT pg_stat_clear_snapshot()")
    seq, idx = conn.execute(
        "SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables "
        "WHERE relid = 'public.executions'::regclass"
    ).fetchone()
    return seq, idx


def measure(conn: psycopg.Connection, query: str) -> tuple[float, float, int, int]:
    for _ in range(2):
        conn.execute(query).fetchall()
    seq0, idx0 = counters(conn)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        conn.execute(query).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    seq1, idx1 = counters(conn)
    times.sort()
    return statistics.median(times), times[int(0.95 * (RUNS - 1))], seq1 - seq0, idx1 - idx0


def plan_nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def executions_scans(conn: psycopg.Connection, query: str) -> tuple[list[str], bool]:
    (doc,) = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}").fetchone()
    scans = [
        f"{node['Node Type']}" + (f" using {node['Index Name']}" if "Index Name" in node else "")
        for node in plan_nodes(doc[0]["Plan"])
        if node.get("Relation Name") == "executions"
    ]
    return scans, "JIT" in doc[0]


MISSING = (
    "PREPARE missing(timestamptz, text[]) AS SELECT e.id::bigint FROM n8n.execution_entity AS e "
    'WHERE e."stoppedAt" >= $1 AND e."deletedAt" IS NULL '
    "AND e.status IN ('success', 'error', 'crashed', 'canceled') "
    'AND e."workflowId" = ANY ($2)'
)
LINK_READS = (
    "SELECT count(*), min(o.queued_at) FROM n8n.outbox AS o",
    "EXECUTE missing(now() - interval '1 hour', ARRAY['yDbfhooKemfhMIkC', 'saiJsonCam000001'])",
)


def generate() -> str:
    n8n_dsn, dash_dsn = timed("databases (scripts/setup-db)", setup_pair)
    with psycopg.connect(n8n_dsn, autocommit=True) as n8n:
        timed("n8n: 1,000 recent executions the dashboard lacks", lambda: n8n.execute(GENERATE_N8N))
    with psycopg.connect(dash_dsn, autocommit=True) as conn:
        timed("dashboard: generate (set-based)", lambda: conn.execute(GENERATE_DASHBOARD))
        timed("VACUUM ANALYZE", lambda: conn.execute("VACUUM ANALYZE"))
    return dash_dsn


def first_fill(conn: psycopg.Connection) -> None:
    started = time.perf_counter()
    days = 0
    while True:
        # Days touched within quality_margin are recounted on every call; the fill is done
        # when no day is stale.
        (done,) = conn.execute("SELECT etl_refresh_data_quality(10)").fetchone()
        days += done
        (stale,) = conn.execute("SELECT count(*) FROM etl_data_quality_days WHERE stale").fetchone()
        if stale == 0:
            break
    took = time.perf_counter() - started
    print(
        f"  data quality rollup, first fill: {days} day counts in {took:.1f} s "
        f"({took / max(days, 1) * 1000:.0f} ms per day of ~{EXECUTIONS // DAYS:,} executions)"
    )
    (today,) = conn.execute(
        "SELECT count(*) FROM executions WHERE completion_timestamp >= "
        "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
    ).fetchone()
    print(f"  executions finished today (UTC) so far: {today:,}")


def report_times(conn: psycopg.Connection) -> None:
    header = f"{'view / function':<38} {'median ms':>10} {'p95 ms':>8}"
    print(f"{header} {'seq scans':>10} {'idx scans':>10}")
    worst = 0.0
    for name, query in MEASURED.items():
        median, p95, seq, idx = measure(conn, query)
        worst = max(worst, median)
        flag = "" if median <= 200 else "  > 200 ms"
        print(f"{name:<38} {median:>10.1f} {p95:>8.1f} {seq:>10} {idx:>10}{flag}", flush=True)
    print(f"(scans of executions over the {RUNS} measured runs; worst median {worst:.1f} ms)")


def report_plans(conn: psycopg.Connection) -> None:
    print("scans of executions in each view's plan (EXPLAIN ANALYZE):")
    for name in VIEWS:
        scans, jit = executions_scans(conn, MEASURED[name])
        shown = ", ".join(scans) if scans else "none"
        print(f"  {name}: {shown}{'  (JIT used)' if jit else ''}")


def report_link(conn: psycopg.Connection) -> None:
    print("what the n8n link sends (EXPLAIN VERBOSE of etl_n8n_link_health's reads):")
    conn.execute(MISSING)
    conn.execute("SET plan_cache_mode = force_generic_plan")
    for query in LINK_READS:
        for (line,) in conn.execute(f"EXPLAIN VERBOSE {query}").fetchall():
            if "Remote SQL" in line:
                print(f"  {line.strip()}")
    conn.execute("RESET plan_cache_mode")
    (link,) = conn.execute(
        "SELECT to_jsonb(l) FROM etl_n8n_link_health(interval '1 hour') AS l"
    ).fetchone()
    print(f"  result: {json.dumps(link)}")


def report_prune(conn: psycopg.Connection) -> None:
    """One retention call with a backlog: a shorter retention makes ~two days' items due."""
    conn.execute("UPDATE etl_settings SET value = '3 days' WHERE key = 'queue_retention'")
    (due,) = conn.execute("SELECT prunable_count FROM etl_queue_health").fetchone()
    started = time.perf_counter()
    (pruned,) = conn.execute("SELECT etl_prune_queue()").fetchone()
    took = (time.perf_counter() - started) * 1000
    print(f"etl_prune_queue() with {due:,} items due: deleted {pruned:,} in {took:.0f} ms")


def main() -> None:
    print(f"bench_health: {EXECUTIONS:,} executions over {DAYS} days, {QUEUE:,} queue items")
    dash_dsn = generate()
    with psycopg.connect(dash_dsn, autocommit=True) as conn:
        first_fill(conn)
        print(f"  jit = {conn.execute('SHOW jit').fetchone()[0]}")
        print()
        report_times(conn)
        print()
        report_plans(conn)
        print()
        report_link(conn)
        print()
        report_prune(conn)


if __name__ == "__main__":
    main()
