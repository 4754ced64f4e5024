"""Where Stage 1's added latency goes (`scripts/bench stage1_breakdown`).

n8n's side: each step of a delivery timed inside one n8n backend with clock_timestamp(), around
the call alone (a PL/pgSQL loop, 2 ms of idle before each delivery so that the dashboard has
answered the one before, as between two executions n8n finishes in one connection):
  settle      collecting the dashboard's answer to the execution sent before (already there)
  statement   building the statement text (sai_etl.ingest_statement: format() with nine %L)
  send        sending this execution's statement without waiting (sai_etl.send_execution,
              the statement built again inside)
  deliver     sai_etl.deliver, all of the above plus its checks: what the trigger calls
  push        sai_etl.push_execution, the synchronous call the outbox drain makes (and the
              trigger made before it sent without waiting): round trip and ingest included
The dashboard's side (its work per execution, now beside n8n's commit instead of inside it),
each piece with pgbench (one client, one piece per transaction, as the link's session runs it:
asynchronous commit) minus a `SELECT 1` transaction on the same database:
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
# One n8n backend times each step around the call alone; the ids are fresh per delivery.
N8N_STEPS = """
CREATE TEMP TABLE steps (step text, ms double precision);
DO $$
DECLARE
    t timestamptz;
    id integer := (random() * 1e9)::integer;
    facts text[] := ARRAY['yDbfhooKemfhMIkC', 'success', 'webhook'];
    at timestamptz := '2026-12-01 10:00:00+00';
BEGIN
    PERFORM sai_etl.link_connect();
    FOR i IN 1 .. %(n)s LOOP
        -- The trigger's own sequence, step by step: collect the answer to the one before, build
        -- the statement, send it.
        PERFORM pg_sleep(0.002);
        t := clock_timestamp();
        PERFORM sai_etl.link_settle();
        INSERT INTO steps VALUES ('settle', extract(epoch FROM clock_timestamp() - t) * 1000);
        id := id + 1;
        t := clock_timestamp();
        PERFORM sai_etl.ingest_statement(
            id, facts[1], facts[2], facts[3], NULL, at, at, at, 'trigger'
        );
        INSERT INTO steps VALUES ('statement', extract(epoch FROM clock_timestamp() - t) * 1000);
        t := clock_timestamp();
        PERFORM sai_etl.send_execution(id, facts[1], facts[2], facts[3], NULL, at, at, at);
        INSERT INTO steps VALUES ('send', extract(epoch FROM clock_timestamp() - t) * 1000);
        -- The same as the trigger calls it.
        PERFORM pg_sleep(0.002);
        id := id + 1;
        t := clock_timestamp();
        PERFORM sai_etl.deliver(id, facts[1], facts[2], facts[3], NULL, at, at, at);
        INSERT INTO steps VALUES ('deliver', extract(epoch FROM clock_timestamp() - t) * 1000);
        -- What the drain does: send and wait.
        PERFORM pg_sleep(0.002);
        PERFORM sai_etl.link_settle();
        id := id + 1;
        t := clock_timestamp();
        PERFORM sai_etl.push_execution(
            id, facts[1], facts[2], facts[3], NULL, at, at, at, 'trigger'
        );
        INSERT INTO steps VALUES ('push', extract(epoch FROM clock_timestamp() - t) * 1000);
    END LOOP;
END
$$;
"""

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


def n8n_steps(dsn: str) -> dict[str, float]:
    """Median ms of each delivery step over PER_RUN deliveries in one n8n backend."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(N8N_STEPS % {"n": PER_RUN})
        rows = conn.execute(
            "SELECT step, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM steps GROUP BY step"
        ).fetchall()
    return dict(rows)


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
        for name, ms in n8n_steps(n8n_dsn).items():
            rounds.setdefault(f"n8n {name}", []).append(ms)
        base = pgbench(dash_dsn, DASHBOARD["baseline"])
        for name, script in DASHBOARD.items():
            if name != "baseline":
                rounds.setdefault(f"dashboard {name}", []).append(pgbench(dash_dsn, script) - base)
    print(
        f"Stage 1 pieces, {ROUNDS} rounds x {PER_RUN}, median over rounds of each round's median, "
        "ms (n8n: the step's own time in n8n's backend; dashboard: pgbench 1 client, the piece "
        "minus SELECT 1 on the same database)"
    )
    for name in sorted(rounds):
        print(f"{name:<20} {statistics.median(rounds[name]):+7.3f}")


if __name__ == "__main__":
    main()
