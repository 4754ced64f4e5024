"""Where Stage 1's added latency goes (`scripts/bench stage1_breakdown`): each piece of the
delivery timed alone with pgbench (one client, one piece per transaction), interleaved over
rounds, against a `SELECT 1` transaction on the same database (pgbench's own round trip).

n8n's side (the delivery's steps in n8n's backend):
  statement   building the statement text (format() with nine %L)
  roundtrip   a dblink call that does nothing on the dashboard (SELECT true)
  push        sai_etl.push_execution: the whole call, the dashboard's ingest included
The dashboard's side (what `push` waits for), as the link's session runs it (asynchronous
commit):
  ingest      etl_ingest_execution: executions upsert, queue insert, NOTIFY, commit
  upsert      the executions INSERT alone
  +queue      the executions and queue INSERTs
  +notify     the same and pg_notify (the ingest's body without the function call)
The deferred trigger and its checks are `bench_stage1`'s `unwatched` minus `bare`.
Nothing is asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

import psycopg
from bench_stage1 import PGBENCH, ROUNDS, WARMUP, setup_pair

PER_RUN = 300
VALUES = (
    ":id, 'yDbfhooKemfhMIkC', 'success', 'webhook', NULL, "
    "'2026-12-01 10:00:00+00', '2026-12-01 10:00:01+00', '2026-12-01 10:00:02+00'"
)
ID = "\\set id random(1, 2000000000)\n"
N8N = {
    "baseline": "SELECT 1;",
    "statement": ID + "SELECT format('SELECT public.etl_ingest_execution(%L, %L, %L, %L, %L, "
    "%L, %L, %L, %L)', " + VALUES + ", 'trigger');",
    "roundtrip": "SELECT sai_etl.link_connect(), "
    "(SELECT x FROM sai_etl.dblink('sai_etl', 'SELECT true') AS t (x boolean));",
    "push": ID + "SELECT sai_etl.push_execution(" + VALUES + ", 'trigger');",
}
# One statement each (one round trip, one transaction, as the ingest function is).
EXECUTION = (
    "INSERT INTO executions (id, workflow_id, execution_timestamp, completion_timestamp, "
    "duration_ms, status, mode, timing_complete, ingest_source) VALUES (:id, "
    "'yDbfhooKemfhMIkC', now(), now(), 1000, 'success', 'webhook', true, 'trigger') "
    "ON CONFLICT (id) DO NOTHING RETURNING id"
)
QUEUE = "INSERT INTO etl_processing_queue (execution_id) SELECT id FROM e RETURNING execution_id"
DASHBOARD = {
    "baseline": "SELECT 1;",
    "ingest": ID + "SELECT etl_ingest_execution(" + VALUES + ");",
    "upsert": ID + EXECUTION + ";",
    "+queue": ID + f"WITH e AS ({EXECUTION}), q AS ({QUEUE}) SELECT count(*) FROM q;",
    "+notify": ID
    + f"WITH e AS ({EXECUTION}), q AS ({QUEUE}) "
    + "SELECT pg_notify('sai_etl_stage2', execution_id::text) FROM q;",
}


def pgbench(dsn: str, script: str) -> float:
    """Median latency (ms) of PER_RUN transactions of `script`, warm-up dropped."""
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "piece.sql"
        path.write_text(script + "\n")
        subprocess.run(
            [
                *(PGBENCH, "-n", "-c", "1", "-t", str(PER_RUN + WARMUP), "-f", str(path)),
                *("-l", "--log-prefix", f"{folder}/log"),
                *("-h", params["host"], "-U", params["user"], params["dbname"]),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
        )
        (log,) = Path(folder).glob("log.*")
        latencies = [int(line.split()[2]) / 1000 for line in log.read_text().splitlines()]
    return statistics.median(latencies[WARMUP:])


def main() -> None:
    n8n_dsn, dash_dsn = setup_pair("bench_bd_n8n", "bench_bd_dash")
    with psycopg.connect(dash_dsn, autocommit=True) as conn:
        # As the link's sessions commit (links.py): asynchronously.
        conn.execute("ALTER DATABASE bench_bd_dash SET synchronous_commit = off")
    rounds: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for side, dsn, pieces in (("n8n", n8n_dsn, N8N), ("dashboard", dash_dsn, DASHBOARD)):
            base = pgbench(dsn, pieces["baseline"])
            for name, script in pieces.items():
                if name != "baseline":
                    rounds.setdefault(f"{side} {name}", []).append(pgbench(dsn, script) - base)
    print(
        f"Stage 1 pieces, pgbench 1 client, {ROUNDS} rounds x {PER_RUN}: median over rounds of "
        "(the piece's median - SELECT 1's median on the same database), ms"
    )
    for name, values in rounds.items():
        print(f"{name:<20} {statistics.median(values):+7.3f}")


if __name__ == "__main__":
    main()
