"""Machinery of the fault suite (test_faults_*.py): scales, a hard time bound, clusters and mounts
that are undone even when a test fails, timed n8n load, and checks of what Stage 2 left on disk.

Each scenario runs at two scales: `quick` (unmarked, part of `make test`) and `full` (marked
`faults`, `make faults`). Everything is real: private clusters made by scripts/pgcluster, the
project's own `sai-etl run` processes, files on real file systems (tmpfs and bind mounts too).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import psycopg
import pytest
from PIL import Image

from sai_etl_dev.flatted import decode
from sai_etl_dev.simulate import simulate
from support import pairs, runner_support

# Small JPEG frames: what is under test is the pipeline around the image, not Pillow, and
# thousands of 1080p frames would not fit the suite's time on two cores.
TINY_FRAME = (64, 48)


def scales(quick: object, full: object) -> list[Any]:
    """pytest parameters: the quick scale in `make test`, the full one only in `make faults`."""
    return [
        pytest.param(quick, id="quick"),
        pytest.param(full, id="full", marks=pytest.mark.faults),
    ]


@contextlib.contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail with TimeoutError if the block runs longer than `seconds` (SIGALRM in the main
    thread interrupts any wait); the test's cleanup still runs."""

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"{what}: still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cluster(cleanup: contextlib.ExitStack, prefix: str) -> pairs.Cluster:
    """A private cluster of this test's own (it may crash it), removed afterwards."""
    made = pairs.new_cluster(prefix)
    cleanup.callback(made.remove)
    return made


def runner(cleanup: contextlib.ExitStack, env: dict[str, str]) -> runner_support.RunnerProcess:
    """A real `sai-etl run` process, killed afterwards if the test left it running."""
    proc = runner_support.RunnerProcess(env)

    def kill_if_running() -> None:
        if proc.proc.poll() is None:
            proc.kill()

    cleanup.callback(kill_if_running)
    return proc


def _umount(path: Path) -> None:
    for _ in range(50):
        done = subprocess.run(["umount", str(path)], capture_output=True, text=True, check=False)
        if done.returncode == 0 or "not mounted" in done.stderr:
            return
        time.sleep(0.1)  # busy: a runner is writing; it gives up its files within moments
    pairs.run(["umount", "--lazy", str(path)])


def _remount(path: Path, options: str) -> None:
    """mount -o remount,OPTIONS; a busy mount (a file open for writing) is tried again."""
    for _ in range(100):
        done = subprocess.run(
            ["mount", "-o", f"remount,{options}", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return
        time.sleep(0.02)
    raise RuntimeError(f"mount -o remount,{options} {path}: {done.stderr}")


def mount_tmpfs(cleanup: contextlib.ExitStack, path: Path, size: str) -> None:
    """A tmpfs of `size` on `path` (which exists), unmounted afterwards."""
    pairs.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)])
    cleanup.callback(_umount, path)


def resize_tmpfs(path: Path, size: str) -> None:
    _remount(path, f"size={size}")


def make_read_only(cleanup: contextlib.ExitStack, path: Path) -> None:
    """Bind-mount `path` onto itself read only (a volume that went read only); lift_read_only
    or the cleanup takes the mount away again, and the directory is writable as before."""
    pairs.run(["mount", "--bind", str(path), str(path)])
    cleanup.callback(_umount, path)
    _remount(path, "bind,ro")


def lift_read_only(path: Path) -> None:
    _umount(path)


class TimedConnection(psycopg.Connection[Any]):
    """An n8n connection that times each finishing transaction (the one that sets the terminal
    status and the final data; Stage 1's deferred trigger runs in its COMMIT): what n8n waits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finishes: list[tuple[float, float]] = []  # (start on time.monotonic(), seconds)
        self._finishing = False

    @contextlib.contextmanager
    def transaction(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        self._finishing = False
        started, clock = time.monotonic(), time.perf_counter()
        with super().transaction(*args, **kwargs) as tx:
            yield tx
        if self._finishing:
            self.finishes.append((started, time.perf_counter() - clock))

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        # The simulator's finishing statement (sai_etl_dev.simulate._execute) sets "stoppedAt".
        if isinstance(query, str) and '"stoppedAt"' in query and "UPDATE execution_entity" in query:
            self._finishing = True
        return super().execute(query, params, **kwargs)


class Load(threading.Thread):
    """n8n finishing simulated SAI executions at `rate` per second for `seconds`, through the
    simulator on one connection; keeps the ids, the finishing-transaction timings, any error."""

    def __init__(
        self,
        n8n_dsn: str,
        rate: float,
        seconds: float,
        *,
        seed: int = 0,
        frame_size: tuple[int, int] = TINY_FRAME,
    ) -> None:
        super().__init__(daemon=True)
        self.n8n_dsn, self.rate, self.seed, self.frame_size = n8n_dsn, rate, seed, frame_size
        self.count = round(rate * seconds)
        self.ids: list[int] = []
        self.finishes: list[tuple[float, float]] = []
        self.errors: list[BaseException] = []
        self.started_at = self.ended_at = 0.0

    def run(self) -> None:
        try:
            with TimedConnection.connect(self.n8n_dsn, autocommit=True) as conn:
                self.finishes = conn.finishes
                self.started_at = time.monotonic()
                self.ids = simulate(
                    conn,
                    self.count,
                    rate=self.rate,
                    seed=self.seed,
                    frame_size=self.frame_size,
                )
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.errors.append(exc)
        finally:
            self.ended_at = time.monotonic()

    def between(self, start: float, end: float) -> list[float]:
        """Milliseconds of the finishing transactions that started in [start, end]."""
        return [s * 1000 for t, s in self.finishes if start <= t <= end]


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98] if len(values) > 1 else 0.0


def wait_for_queue(
    dsn: str,
    count: int,
    timeout: float,
    runner: runner_support.RunnerProcess | None = None,
    poll: float = 0.2,
) -> float:
    """Wait until the queue holds `count` items, all completed; the monotonic time it was.
    Fails at once if `runner` exits meanwhile."""

    def done() -> bool:
        if runner is not None and runner.proc.poll() is not None:
            raise AssertionError(
                f"the runner exited ({runner.proc.returncode}):\n{runner.output()}"
            )
        return runner_support.queue_status(dsn) == {"completed": count}

    try:
        runner_support.wait_until(done, timeout, f"all {count} queue items completed", step=poll)
    except AssertionError as exc:
        queue = runner_support.query(
            dsn,
            "SELECT status, attempts, left(last_error, 200), count(*) FROM etl_processing_queue "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2",
        )
        log = runner.output()[-5000:] if runner is not None else ""
        raise AssertionError(f"{exc}\nqueue: {queue}\nrunner, last lines:\n{log}") from None
    return time.monotonic()


def sent_images(n8n_dsn: str, ids: list[int]) -> dict[int, bytes]:
    """The frame n8n received for each given execution, decoded here from n8n's own storage
    (inline binary or webhook body), independently of the runner's path."""
    found: dict[int, bytes] = {}
    with psycopg.connect(n8n_dsn) as conn:
        rows = conn.execute(
            'SELECT "executionId", "workflowData", data FROM execution_data '
            'WHERE "executionId" = ANY(%s)',
            [ids],
        ).fetchall()
    for execution_id, workflow, data in rows:
        hook = next(n["name"] for n in workflow["nodes"] if n["type"] == "n8n-nodes-base.webhook")
        item = decode(data)["resultData"]["runData"][hook][0]["data"]["main"][0][0]
        image = item.get("binary", {}).get("image")
        if image:
            found[execution_id] = base64.b64decode(image["data"])
        elif "image" in item["json"].get("body", {}):
            found[execution_id] = base64.b64decode(item["json"]["body"]["image"].split(",")[-1])
    return found


@dataclass
class DiskCheck:
    """The image root against execution_images: every recorded file present and whole, nothing
    else there (no temp file, no file for an unrecorded or twice-recorded execution)."""

    rows: int = 0
    files: int = 0
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    wrong_hash: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.unexpected or self.wrong_hash or self.unreadable)


def check_disk(dsn: str, root: Path) -> DiskCheck:
    rows = runner_support.query(
        dsn,
        "SELECT sha256, original_path, thumbnail_path, display_path FROM execution_images "
        "WHERE valid",
    )
    on_disk = {str(p.relative_to(root)) for p in runner_support.image_files(root)}
    check = DiskCheck(rows=len(rows), files=len(on_disk))
    expected: set[str] = set()
    for digest, original, thumbnail, display in rows:
        for path in (original, thumbnail, display):
            if path is not None:
                expected.add(path)
                if path not in on_disk:
                    check.missing.append(path)
        if original in on_disk and _sha256(root / original) != digest:
            check.wrong_hash.append(original)
        if thumbnail in on_disk and not whole_image(root / thumbnail):
            check.unreadable.append(thumbnail)
    check.unexpected = sorted(on_disk - expected)
    return check


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def whole_image(path: Path) -> bool:
    """The file decodes completely (a truncated file does not)."""
    try:
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            image.load()
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def partial_finals(root: Path, sent: dict[int, bytes]) -> list[str]:
    """Files under final names (not temp files) that are not whole: originals that differ from
    what n8n received, derivatives that do not decode completely."""
    bad = []
    for path in runner_support.image_files(root):
        if path.name.endswith(".tmp"):
            continue
        if path.parts[-3] == "originals":
            if path.read_bytes() != sent.get(int(path.stem)):
                bad.append(str(path.relative_to(root)))
        elif not whole_image(path):
            bad.append(str(path.relative_to(root)))
    return bad


INGEST = (
    "public.etl_ingest_execution(bigint, text, text, text, text, timestamptz, timestamptz, "
    "timestamptz, text, integer)"
)


@contextlib.contextmanager
def ingest_revoked(pair: pairs.Pair) -> Iterator[None]:
    """The n8n link's role may not call the dashboard's ingest for the block (a DBA's REVOKE)."""
    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as conn:
        conn.execute(f"REVOKE EXECUTE ON FUNCTION {INGEST} FROM sai_etl_ingest")
        try:
            yield
        finally:
            conn.execute(f"GRANT EXECUTE ON FUNCTION {INGEST} TO sai_etl_ingest")


def report(title: str, **figures: object) -> None:
    """One line of figures on stdout (pytest -s shows it; docs/guarantees-faults.md quotes it)."""
    print(f"\n[{title}] " + ", ".join(f"{key}={value}" for key, value in figures.items()))
