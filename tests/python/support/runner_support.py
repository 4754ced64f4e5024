"""Helpers for the runner tests: fresh database pairs, real `sai-etl run` processes, effects.

Everything is real: databases made by scripts/setup-db on the test cluster, runner processes
started from the project's own `sai-etl` script, files on disk.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from sai_etl_dev.simulate import ensure_workflows, simulate
from support.pairs import ROOT, SAI_ETL, run

SMALL_FRAME = (640, 360)


@dataclass(frozen=True)
class Pair:
    n8n_dsn: str
    dashboard_dsn: str

    def env(self, **extra: str | os.PathLike[str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SAI_", "NOTIFY_"))}
        env.pop("WATCHDOG_USEC", None)
        env.update(SAI_N8N_DSN=self.n8n_dsn, SAI_DASHBOARD_DSN=self.dashboard_dsn)
        env.update({key: str(value) for key, value in extra.items()})
        return env


def setup_pair(
    cluster: str, name: str, *, fixtures: bool = False, n8n_version: str = "1.123"
) -> Pair:
    """A fresh linked n8n/dashboard database pair (scripts/setup-db) on `cluster`, named after
    `name`, with the real schema (and, with `fixtures`, the executions) of n8n `n8n_version`.
    Use it before making another pair on that cluster: a new pair's migration sets new
    passwords for the link roles, which cuts the older pairs' links."""
    args = [str(ROOT / "scripts" / "setup-db"), cluster, f"n8n_{name}", name, "--n8n", n8n_version]
    if fixtures:
        args.append("--fixtures")
    out = run(args)
    found = dict(re.findall(r"^(SAI_\w+_DSN)='([^']*)'$", out, re.MULTILINE))
    return Pair(found["SAI_N8N_DSN"], found["SAI_DASHBOARD_DSN"])


def play(
    pair: Pair,
    count: int,
    *,
    seed: int = 0,
    frame_size: tuple[int, int] = SMALL_FRAME,
    **options: object,
) -> list[int]:
    """Simulated camera executions through n8n's write sequence (Stage 1 queues them)."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        ensure_workflows(conn)
        return simulate(conn, count, seed=seed, frame_size=frame_size, **options)  # type: ignore[arg-type]


def query(dsn: str, sql: str, params: object = None) -> list[tuple]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        cur = conn.execute(sql, params)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


def queue_status(dsn: str) -> Counter[str]:
    return Counter(dict(query(dsn, "SELECT status, count(*) FROM etl_processing_queue GROUP BY 1")))


def wait_until(check: Callable[[], bool], timeout: float, what: str, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(step)


class RunnerProcess:
    """A real `sai-etl run` process; its stdout lines are collected with arrival times."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.proc = subprocess.Popen(
            [SAI_ETL, "run", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.lines: list[tuple[float, str]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def events(self, name: str) -> list[str]:
        """Lines of one event (outside journald, warnings and errors carry a level word first)."""
        found = []
        for _, line in self.lines:
            words = line.split(" ", 2)
            if words[0] in ("WARNING", "ERROR"):
                words = words[1:]
            if words[0] == name:
                found.append(line)
        return found

    def completed_ids(self) -> list[int]:
        """Queue ids this runner reported completed (one line per successful etl_complete)."""
        return [int(re.search(r"queue_id=(\d+)", line)[1]) for line in self.events("completed")]

    def wait_for(self, name: str, count: int = 1, timeout: float = 30.0) -> None:
        wait_until(
            lambda: len(self.events(name)) >= count or self.proc.poll() is not None,
            timeout,
            f"{count} '{name}' line(s)",
        )
        if len(self.events(name)) < count:
            raise AssertionError(f"runner exited ({self.proc.returncode}):\n{self.output()}")

    def signal(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        self._reader.join(5)
        return code

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)
        self._reader.join(5)

    def output(self) -> str:
        return "\n".join(line for _, line in self.lines)


def run_once(env: dict[str, str], *args: str, timeout: float = 120.0) -> str:
    """`sai-etl run --once` to the end; its output (fails the test on a non-zero exit)."""
    done = subprocess.run(
        [SAI_ETL, "run", "--once", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def image_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def temp_files(root: Path) -> list[Path]:
    return [p for p in image_files(root) if p.name.endswith(".tmp")]


@dataclass(frozen=True)
class Effects:
    """What Stage 2 left behind, to count: rows and files."""

    queue: Counter[str]
    image_rows: int
    image_rows_distinct: int
    originals: Counter[str]  # execution id (file stem) -> files
    thumbnails: Counter[str]
    temps: int


def effects(pair: Pair, image_dir: Path) -> Effects:
    ((rows, distinct),) = query(
        pair.dashboard_dsn, "SELECT count(*), count(DISTINCT execution_id) FROM execution_images"
    )
    files = image_files(image_dir)
    return Effects(
        queue=queue_status(pair.dashboard_dsn),
        image_rows=rows,
        image_rows_distinct=distinct,
        originals=Counter(p.stem for p in files if p.parts[-3] == "originals"),
        thumbnails=Counter(p.stem for p in files if p.parts[-3] == "thumbnails"),
        temps=len(temp_files(image_dir)),
    )


def runner_env(
    pair: Pair, image_dir: Path, **extra: str | float | os.PathLike[str]
) -> dict[str, str]:
    settings: dict[str, str | float | os.PathLike[str]] = {
        "SAI_IMAGE_DIR": image_dir,
        "SAI_POLL_SECONDS": 1,
        "SAI_SWEEP_SECONDS": 3600,
    }
    settings.update(extra)
    return pair.env(**{k: str(v) for k, v in settings.items()})
