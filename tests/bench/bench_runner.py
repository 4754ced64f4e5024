"""Stage 2 runner benchmark (`make bench`, or `scripts/bench runner`).

1. Throughput: a backlog of simulated executions with the simulator's 1080p camera frames
   (original + WebP thumbnail each), worked off by one `sai-etl run` and by two; executions/s
   from the queue's own timestamps, against the seed (10-20 per minute) and against a bare
   loop that only decodes the same base64 payloads and writes the same files (the CPU limit).
2. Latency on an idle queue: executions arriving one by one (5/s), n8n's commit (the moment
   Stage 1 recorded the execution, from inside n8n's COMMIT) to Stage 2 done (etl_complete).
3. The runners' resident memory (peak over each run; with SAI_BENCH_RSS_ITEMS, RSS sampled
   every 1000 items of a long run).

Knobs: SAI_BENCH_ITEMS (backlog, default 300), SAI_BENCH_LATENCY (default 200 executions),
SAI_BENCH_RSS_ITEMS (default 0: no long run; the issue's figure is 10000).
Prints figures only; nothing here asserts a time.
"""

from __future__ import annotations

import base64
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))

from sai_etl.runner.images import ImageLimits, decode_base64, store_image
from support.runner_support import (
    Pair,
    RunnerProcess,
    play,
    query,
    queue_status,
    runner_env,
    setup_pair,
    wait_until,
)

CLUSTER = os.environ.get("SAI_BENCH_CLUSTER", "bench")
ITEMS = int(os.environ.get("SAI_BENCH_ITEMS", "300"))
LATENCY_ITEMS = int(os.environ.get("SAI_BENCH_LATENCY", "200"))
RSS_ITEMS = int(os.environ.get("SAI_BENCH_RSS_ITEMS", "0"))
FULL_HD = (1920, 1080)
SEED_PER_SECOND = (10 / 60, 20 / 60)
CONCURRENCY = 2


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class RssSampler:
    """Peak resident memory of some processes, sampled every 0.2 s."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak = pids, dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for pid in self.pids:
                try:
                    self.peak[pid] = max(self.peak[pid], rss_kib(pid))
                except (FileNotFoundError, ProcessLookupError):
                    continue

    def stop(self) -> dict[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak


def completed(pair: Pair) -> int:
    return queue_status(pair.dashboard_dsn)["completed"]


def throughput(runners: int, images: Path) -> tuple[float, list[int], Pair]:
    pair = setup_pair(CLUSTER, f"bench_tp{runners}")
    play(pair, ITEMS, frame_size=FULL_HD, seed=runners)
    env = runner_env(pair, images, SAI_CONCURRENCY=CONCURRENCY, SAI_BATCH_SIZE=10)
    procs = [RunnerProcess(env) for _ in range(runners)]
    sampler = RssSampler([proc.proc.pid for proc in procs])
    wait_until(lambda: completed(pair) == ITEMS, 600, "the backlog", step=0.1)
    peaks = sampler.stop()
    for proc in procs:
        proc.stop()
    ((seconds,),) = query(
        pair.dashboard_dsn,
        "SELECT extract(EPOCH FROM max(completed_at) - min(started_at))::float8 "
        "FROM etl_processing_queue",
    )
    return ITEMS / seconds, list(peaks.values()), pair


def bare_loop(images: Path, threads: int) -> float:
    """Decode the same payloads and write the same files, nothing else: the CPU limit."""
    originals = sorted((images / "originals").rglob("*.jpg"))
    payloads = [(int(p.stem), base64.b64encode(p.read_bytes()).decode()) for p in originals]
    limits = ImageLimits()
    with tempfile.TemporaryDirectory(dir=images.parent) as out:
        root = Path(out)

        def one(job: tuple[int, str]) -> None:
            store_image(decode_base64(job[1]), root, job[0], limits)

        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(one, payloads))
        return len(payloads) / (time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency(images: Path) -> None:
    pair = setup_pair(CLUSTER, "bench_latency")
    runner = RunnerProcess(runner_env(pair, images, SAI_CONCURRENCY=CONCURRENCY))
    runner.wait_for("connected")
    play(pair, LATENCY_ITEMS, frame_size=FULL_HD, rate=5.0)
    wait_until(lambda: completed(pair) == LATENCY_ITEMS, 120, "the last execution", step=0.1)
    runner.stop()
    rows = query(
        pair.dashboard_dsn,
        "SELECT extract(EPOCH FROM q.completed_at - e.ingested_at)::float8 * 1000, q.deferrals, "
        "q.processing_time_ms FROM etl_processing_queue AS q JOIN executions AS e "
        "ON e.id = q.execution_id",
    )
    total = [row[0] for row in rows]
    deferred = sum(1 for row in rows if row[1])
    work = [float(row[2]) for row in rows]
    print(
        f"latency n8n commit -> Stage 2 done, {len(rows)} executions at 5/s, idle queue: "
        f"p50 {percentile(total, 0.5):.0f} ms, p90 {percentile(total, 0.9):.0f} ms, "
        f"p99 {percentile(total, 0.99):.0f} ms, max {max(total):.0f} ms "
        f"(target p50 <= 100, p99 <= 500)"
    )
    print(
        f"  of which claim -> done (extraction already run, image, ack): p50 "
        f"{statistics.median(work):.0f} ms; {deferred} of {len(rows)} found n8n's commit not yet "
        "visible and were re-checked (etl_defer_delay)"
    )


def long_rss(images: Path) -> None:
    pair = setup_pair(CLUSTER, "bench_rss")
    runner = RunnerProcess(runner_env(pair, images, SAI_CONCURRENCY=CONCURRENCY))
    runner.wait_for("connected")
    pid = runner.proc.pid
    samples: list[tuple[int, int]] = []
    producer = threading.Thread(
        target=play, args=(pair, RSS_ITEMS), kwargs={"frame_size": FULL_HD, "seed": 7}
    )
    producer.start()
    mark = 1000
    while mark <= RSS_ITEMS:
        wait_until(lambda m=mark: completed(pair) >= m, 3600, f"{mark} items", step=0.5)
        samples.append((mark, rss_kib(pid)))
        mark += 1000
    producer.join()
    peak = rss_kib(pid, "VmHWM")
    runner.stop()
    series = ", ".join(f"{n}: {kib / 1024:.0f}" for n, kib in samples)
    print(
        f"runner RSS over {RSS_ITEMS} items (MiB after n items): {series}; peak {peak / 1024:.0f}"
    )


def section(title: str, run: Callable[[], None]) -> None:
    print(f"-- {title}", flush=True)
    run()
    sys.stdout.flush()


def main() -> None:
    print(f"cores: {os.cpu_count()}, cluster .pg/{CLUSTER} (fsync on), 1080p frames ~250-300 KB")
    with tempfile.TemporaryDirectory(prefix="sai-etl-bench-") as tmp:
        base = Path(tmp)

        def images(name: str) -> Path:
            path = base / name
            path.mkdir()
            return path

        def run_throughput() -> None:
            one, rss_one, _ = throughput(1, images("one"))
            two, rss_two, _ = throughput(2, images("two"))
            bare_1 = bare_loop(base / "one", 1)
            bare_n = bare_loop(base / "one", CONCURRENCY)
            low, high = SEED_PER_SECOND
            print(
                f"throughput, {ITEMS} queued executions, original + thumbnail, "
                f"SAI_CONCURRENCY={CONCURRENCY}, SAI_BATCH_SIZE=10:"
            )
            print(f"  one runner:  {one:6.1f} executions/s (target >= 50)")
            print(f"  two runners: {two:6.1f} executions/s")
            print(
                f"  bare decode+write loop: {bare_1:6.1f}/s on 1 thread, "
                f"{bare_n:6.1f}/s on {CONCURRENCY}"
            )
            print(
                f"  one runner = {one / bare_n:.0%} of the bare loop on {CONCURRENCY} threads; "
                f"{one / high:.0f}-{one / low:.0f}x the seed (10-20/min)"
            )
            print(
                f"  peak RSS: one runner {rss_one[0] / 1024:.0f} MiB; two runners "
                + ", ".join(f"{kib / 1024:.0f}" for kib in rss_two)
                + " MiB"
            )
            shutil.rmtree(base / "one")
            shutil.rmtree(base / "two")

        section("throughput", run_throughput)
        section("latency", lambda: latency(images("latency")))
        if RSS_ITEMS:
            section("memory over a long run", lambda: long_rss(images("rss")))


if __name__ == "__main__":
    main()
