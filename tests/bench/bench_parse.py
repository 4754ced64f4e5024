"""`etl_parse_analysis` per call, on the adversarial suite (`make bench`, `scripts/bench parse`).

Every response of tests/fixtures/parse-analysis (seen and unseen parts, English and Spanish, JSON
and free text) is parsed `REPEAT` times in one statement; the baseline is the same statement
calling `lower()` instead, so the scan, the join and the round trip are measured too and the
ratio shows what the rules themselves cost. Figures are medians and p99 of `ROUNDS` statements,
per call, in microseconds (the statement's time divided by its calls). The argument depends on
the repetition (`CASE WHEN g > 0`), so the planner cannot parse each response once and join the
result to the repetitions. The target (issue 12) is under 200 us a call.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = os.environ.get("SAI_BENCH_CLUSTER", "bench")
N8N_DB, DASH_DB = "bench_parse_n8n", "bench_parse_dash"
SUITE = ROOT / "tests" / "fixtures" / "parse-analysis"
REPEAT, ROUNDS = 10, 40

PARSE = (
    "SELECT count(p.risk_level) + count(p.smoke_detected) FROM parse_suite AS s "
    "CROSS JOIN generate_series(1, %s) AS g "
    "CROSS JOIN LATERAL etl_parse_analysis(CASE WHEN g > 0 THEN s.response END) AS p"
)
BASELINE = (
    "SELECT count(lower(CASE WHEN g > 0 THEN s.response END)) FROM parse_suite AS s "
    "CROSS JOIN generate_series(1, %s) AS g"
)


def setup() -> str:
    out = subprocess.run(
        [str(ROOT / "scripts/setup-db"), CLUSTER, N8N_DB, DASH_DB],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    dsns = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return dsns["SAI_DASHBOARD_DSN"].strip("'")


def load(conn: psycopg.Connection) -> int:
    conn.execute(
        "CREATE TEMP TABLE parse_suite (id text, lang text, category text, risk_level text, "
        "confidence_score numeric, smoke_detected boolean, flame_detected boolean, "
        "heat_signature_detected boolean, response text)"
    )
    for name in ("suite.tsv", "unseen.tsv"):
        with conn.cursor().copy("COPY parse_suite FROM STDIN WITH (HEADER match)") as copy:
            copy.write((SUITE / name).read_bytes())
    conn.execute("ANALYZE parse_suite")
    return conn.execute("SELECT count(*) FROM parse_suite").fetchone()[0]


def per_call_us(conn: psycopg.Connection, query: str, calls: int) -> float:
    start = time.perf_counter()
    conn.execute(query, (REPEAT,)).fetchall()
    return (time.perf_counter() - start) * 1e6 / calls


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> int:
    with psycopg.connect(setup(), autocommit=True) as conn:
        responses = load(conn)
        calls = responses * REPEAT
        for query in (PARSE, BASELINE):  # warm plans and caches
            per_call_us(conn, query, calls)
        samples: dict[str, list[float]] = {"parse": [], "baseline": []}
        for _ in range(ROUNDS):
            samples["parse"].append(per_call_us(conn, PARSE, calls))
            samples["baseline"].append(per_call_us(conn, BASELINE, calls))
    base, base99 = statistics.median(samples["baseline"]), p99(samples["baseline"])
    med, med99 = statistics.median(samples["parse"]), p99(samples["parse"])
    print(f"{responses} responses x {REPEAT} per statement, {ROUNDS} statements; us per call")
    print(f"{'':24} {'median':>8} {'p99':>8}")
    print(f"{'lower() baseline':24} {base:8.2f} {base99:8.2f}")
    print(f"{'etl_parse_analysis':24} {med:8.2f} {med99:8.2f}  x{med / base:.1f} median")
    print(f"etl_parse_analysis: {med:.1f} us a call (target < 200 us): x{med / 200:.2f} of it")
    print(f"cluster {CLUSTER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
