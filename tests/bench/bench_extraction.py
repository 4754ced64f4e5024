"""Stage 2 SQL extraction against the bare parse of the same execution (`make bench`).

For each execution: `etl_extract_execution(id)` (read through postgres_fdw, parse once, walk,
upsert, image locator; rolled back after every call, so each is a first extraction) against
`SELECT data::jsonb` of the same row through the same foreign table. The two alternate, so both
see the same machine. Figures are server round trips seen from the client, in ms; the payload
figure also carries the image back to the client, as etl_claim does.

Cases: fixture execution 1 (real n8n 1.123 data: a 1080p JPEG of 729 KB inline, about 1 MB), a
simulated 1080p execution, and a simulated 8K frame (about 5 MB).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from sai_etl_dev.simulate import simulate

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = os.environ.get("SAI_BENCH_CLUSTER", "bench")
N8N_DB, DASH_DB = "bench_extract_n8n", "bench_extract_dash"

BARE = 'SELECT jsonb_typeof(data::jsonb) FROM n8n.execution_data WHERE "executionId" = %s'
EXTRACT = "SELECT outcome, length(image_base64), length(image_bytes) FROM etl_extract_execution(%s)"
PAYLOAD = "SELECT * FROM etl_extract_execution(%s)"


def setup() -> tuple[str, str]:
    out = subprocess.run(
        [str(ROOT / "scripts/setup-db"), CLUSTER, N8N_DB, DASH_DB, "--fixtures"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    dsns = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return dsns["SAI_N8N_DSN"].strip("'"), dsns["SAI_DASHBOARD_DSN"].strip("'")


def timed(conn: psycopg.Connection, query: str, execution_id: int) -> float:
    start = time.perf_counter()
    conn.execute(query, (execution_id,)).fetchall()
    elapsed = (time.perf_counter() - start) * 1000
    conn.rollback()
    return elapsed


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def measure(conn: psycopg.Connection, execution_id: int, rounds: int) -> dict[str, list[float]]:
    queries: dict[str, str] = {"bare": BARE, "extract": EXTRACT, "payload": PAYLOAD}
    for query in queries.values():  # warm plans and caches
        for _ in range(5):
            timed(conn, query, execution_id)
    samples: dict[str, list[float]] = {name: [] for name in queries}
    for _ in range(rounds):
        for name, query in queries.items():
            samples[name].append(timed(conn, query, execution_id))
    return samples


def main() -> int:
    n8n_dsn, dash_dsn = setup()
    with psycopg.connect(n8n_dsn, autocommit=True) as n8n:
        (sim_1080,) = simulate(n8n, 1, seed=1, workflow="camera", error_rate=0)
        (sim_8k,) = simulate(
            n8n, 1, seed=2, workflow="camera", error_rate=0, frame_size=(7680, 4320)
        )
        sizes = dict(
            n8n.execute(
                'SELECT "executionId", octet_length(data) FROM execution_data '
                'WHERE "executionId" = ANY (%s)',
                ([1, sim_1080, sim_8k],),
            ).fetchall()
        )
    cases: list[tuple[str, int, int]] = [
        ("fixture 1: 1080p JPEG inline", 1, 300),
        ("simulated 1080p JPEG inline", sim_1080, 300),
        ("simulated 8K JPEG inline", sim_8k, 100),
    ]
    with psycopg.connect(dash_dsn) as dash:
        dash.execute("SELECT etl_reconcile(interval '100 years')")
        dash.commit()
        print(f"{'case':32} {'data':>8} {'':8} {'median':>8} {'p99':>8}  (ms)")
        for label, execution_id, rounds in cases:
            samples = measure(dash, execution_id, rounds)
            bare, bare99 = statistics.median(samples["bare"]), p99(samples["bare"])
            print(
                f"{label:32} {sizes[execution_id] / 1e6:7.2f}M bare     {bare:8.2f} {bare99:8.2f}"
            )
            for name in ("extract", "payload"):
                med, q99 = statistics.median(samples[name]), p99(samples[name])
                ratios = f"x{med / bare:.2f} median, x{q99 / bare99:.2f} p99"
                print(f"{'':41} {name:8} {med:8.2f} {q99:8.2f}  {ratios}")
    print(f"rounds: {', '.join(str(c[2]) for c in cases)}; cluster {CLUSTER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
