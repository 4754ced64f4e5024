"""Stage 1 benchmark (`scripts/bench stage1`): what the trigger costs n8n's finishing UPDATE,
and how long a backfill of 100,000 executions takes.

Finishing UPDATE: pgbench, one client, one n8n-style UPDATE of a `running` execution to
`success` per transaction (the deferred trigger runs at its COMMIT). Variants, interleaved over
several rounds so that the machine's drift hits all alike:
  bare        the Stage 1 triggers disabled: n8n's own cost
  unwatched   triggers on, the workflow not watched
  up          watched, the dashboard up (same cluster, fsync on)
  slow        watched, the dashboard alive but an exclusive lock held on its executions table
              (a DBA's VACUUM FULL): the link's lock timeout, then the breaker
  down        watched, the dashboard's socket gone, breaker open: outbox insert only
  down-nobrk  the same with the breaker disabled: a failed connection attempt per update
Targets (issue 11): up, slow and down <= +0.3 ms median over bare. Nothing is asserted.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import sql

from sai_etl_dev.simulate import ensure_workflows

ROOT = Path(__file__).resolve().parents[2]
PGBENCH = str(Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin")) / "pgbench")
SAI_ETL = str(Path(sys.executable).with_name("sai-etl"))
CLUSTER = os.environ.get("SAI_BENCH_CLUSTER", "bench")
WATCHED = "yDbfhooKemfhMIkC"
UNWATCHED = "benchUnwatched01"
ROUNDS = int(os.environ.get("SAI_BENCH_ROUNDS", "12"))
PER_RUN = int(os.environ.get("SAI_BENCH_TRANSACTIONS", "400"))
WARMUP = 20  # first transactions of a run: connection, plan cache, dblink connect
BACKFILL_ROWS = 100_000

FINISH = """\\set id :id + 1
UPDATE execution_entity SET mode = 'webhook', finished = true, "stoppedAt" = now(),
    status = 'success' WHERE id = :id;
"""


def setup_pair(n8n_db: str, dash_db: str) -> tuple[str, str]:
    out = subprocess.run(
        [str(ROOT / "scripts" / "setup-db"), CLUSTER, n8n_db, dash_db],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    dsns = dict(re.findall(r"^(SAI_\w+_DSN)='([^']*)'$", out, re.MULTILINE))
    return dsns["SAI_N8N_DSN"], dsns["SAI_DASHBOARD_DSN"]


def running_rows(conn: psycopg.Connection, workflow: str, count: int) -> int:
    """`count` running executions with consecutive ids; the id before the first."""
    (first,) = conn.execute(
        """
        INSERT INTO execution_entity
            (finished, mode, status, "workflowId", "createdAt", "startedAt")
        SELECT false, 'webhook', 'running', %s, now(), now() FROM generate_series(1, %s)
        RETURNING id
        """,
        [workflow, count],
    ).fetchone()
    return first - 1


def pgbench(n8n_dsn: str, before_first: int, count: int) -> list[float]:
    """Latencies (ms) of `count` finishing UPDATEs on ids before_first+1 ..., warm-up dropped."""
    params = psycopg.conninfo.conninfo_to_dict(n8n_dsn)
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "finish.sql"
        script.write_text(FINISH)
        subprocess.run(
            [
                *(PGBENCH, "-n", "-c", "1", "-t", str(count), "-f", str(script)),
                *("-D", f"id={before_first}", "-l", "--log-prefix", f"{folder}/log"),
                *("-h", params["host"], "-U", params["user"], params["dbname"]),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
        )
        (log,) = Path(folder).glob("log.*")
        latencies = [int(line.split()[2]) / 1000 for line in log.read_text().splitlines()]
    return latencies[WARMUP:]


class Bench:
    def __init__(self, n8n_dsn: str, dash_dsn: str) -> None:
        self.n8n_dsn = n8n_dsn
        self.dash_dsn = dash_dsn
        self.conn = psycopg.connect(n8n_dsn, autocommit=True)
        self.host = psycopg.conninfo.conninfo_to_dict(n8n_dsn)["host"]

    def sql(self, statement: str, params: list[object] | None = None) -> None:
        self.conn.execute(statement, params)

    def run(self, workflow: str) -> list[float]:
        before_first = running_rows(self.conn, workflow, PER_RUN + WARMUP)
        return pgbench(self.n8n_dsn, before_first, PER_RUN + WARMUP)

    def bare(self) -> list[float]:
        self.sql("ALTER TABLE execution_entity DISABLE TRIGGER sai_etl_execution_finished")
        try:
            return self.run(WATCHED)
        finally:
            self.sql("ALTER TABLE execution_entity ENABLE TRIGGER sai_etl_execution_finished")

    def unwatched(self) -> list[float]:
        return self.run(UNWATCHED)

    def up(self) -> list[float]:
        return self.run(WATCHED)

    def slow(self) -> list[float]:
        with psycopg.connect(self.dash_dsn) as holder:
            holder.execute("LOCK TABLE executions IN ACCESS EXCLUSIVE MODE")
            try:
                return self.run(WATCHED)
            finally:
                holder.rollback()
                self.sql("DELETE FROM sai_etl.outbox")

    def _down(self, breaker_seconds: str) -> list[float]:
        self.sql(
            "UPDATE sai_etl.settings SET value = %s WHERE key = 'breaker_seconds'",
            [breaker_seconds],
        )
        self.sql("ALTER SERVER sai_dashboard OPTIONS (SET host '/nonexistent/sai-bench')")
        try:
            return self.run(WATCHED)
        finally:
            self.conn.execute(
                sql.SQL("ALTER SERVER sai_dashboard OPTIONS (SET host {})").format(
                    sql.Literal(self.host)
                )
            )
            self.sql("UPDATE sai_etl.settings SET value = '30' WHERE key = 'breaker_seconds'")
            self.sql("DELETE FROM sai_etl.outbox")

    def down(self) -> list[float]:
        return self._down("3600")

    def down_no_breaker(self) -> list[float]:
        return self._down("0")


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def finishing_update(n8n_dsn: str, dash_dsn: str) -> None:
    bench = Bench(n8n_dsn, dash_dsn)
    bench.sql(
        'INSERT INTO workflow_entity (id, name, active, nodes, connections, "versionId") '
        "VALUES (%s, 'bench: unwatched', false, '[]', '{}', repeat('0', 36)) "
        "ON CONFLICT DO NOTHING",
        [UNWATCHED],
    )
    variants: dict[str, Callable[[], list[float]]] = {
        "bare": bench.bare,
        "unwatched": bench.unwatched,
        "up": bench.up,
        "slow": bench.slow,
        "down": bench.down,
        "down-nobrk": bench.down_no_breaker,
    }
    samples: dict[str, list[float]] = {name: [] for name in variants}
    # Per round, each variant's median minus bare's: the machine's drift between rounds (shared,
    # noisy) cancels out; the median of these differences is the "added" figure.
    added: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(ROUNDS):
        medians = {}
        for name, variant in variants.items():
            values = variant()
            samples[name] += values
            medians[name] = statistics.median(values)
        for name in variants:
            added[name].append(medians[name] - medians["bare"])
    base_median = statistics.median(samples["bare"])
    base_p99 = p99(samples["bare"])
    print(
        f"finishing UPDATE latency, pgbench 1 client, {ROUNDS} rounds x {PER_RUN} per variant, "
        "interleaved (ms; all samples pooled, ratio to bare; 'added': median over rounds of the "
        "round's median minus bare's)"
    )
    print(f"{'variant':<11} {'median':>7} {'ratio':>6} {'p99':>8} {'ratio':>6} {'added':>7}")
    for name, values in samples.items():
        median, high = statistics.median(values), p99(values)
        print(
            f"{name:<11} {median:7.3f} {median / base_median:6.2f} {high:8.3f} "
            f"{high / base_p99:6.2f} {statistics.median(added[name]):+7.3f}"
        )
    bench.conn.close()


def backfill(n8n_dsn: str, dash_dsn: str) -> None:
    with psycopg.connect(n8n_dsn, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        started = time.monotonic()
        conn.execute(
            """
            INSERT INTO execution_entity
                (finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt")
            SELECT true, 'webhook', CASE WHEN mod(i, 20) = 0 THEN 'error' ELSE 'success' END,
                   CASE WHEN mod(i, 4) = 0 THEN 'saiJsonCam000001' ELSE 'yDbfhooKemfhMIkC' END,
                   now() - i * interval '5 seconds' - interval '2 seconds',
                   now() - i * interval '5 seconds' - interval '1 second',
                   now() - i * interval '5 seconds'
            FROM generate_series(1, %s) AS i
            """,
            [BACKFILL_ROWS],
        )
        conn.execute("ANALYZE execution_entity")
        inserted = time.monotonic() - started
    env = {**os.environ, "SAI_N8N_DSN": n8n_dsn, "SAI_DASHBOARD_DSN": dash_dsn}
    started = time.monotonic()
    done = subprocess.run(
        [SAI_ETL, "backfill", "--since", "30d", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.monotonic() - started
    print(
        f"backfill of {BACKFILL_ROWS:,} executions (inserted, triggers off, in {inserted:.1f} s): "
        f"{elapsed:.1f} s, {BACKFILL_ROWS / elapsed:,.0f}/s (target <= 30 s): {done.stdout.strip()}"
    )


def main() -> None:
    n8n_dsn, dash_dsn = setup_pair("s1bench_n8n", "s1bench_dash")
    with psycopg.connect(n8n_dsn, autocommit=True) as conn:
        ensure_workflows(conn)
    finishing_update(n8n_dsn, dash_dsn)
    backfill(*setup_pair("s1backfill_n8n", "s1backfill_dash"))


if __name__ == "__main__":
    main()
