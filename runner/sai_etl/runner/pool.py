"""A fixed pool of daemon threads for image work.

Unlike ThreadPoolExecutor, the interpreter does not wait for these threads at exit, so the
runner's stop stays bounded even when a disk hangs in the middle of a write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from queue import SimpleQueue
from typing import Any


class DaemonPool:
    def __init__(self, size: int, name: str) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one thread")
        self._jobs: SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None]
        self._jobs = SimpleQueue()
        self._name = name
        self._lock = threading.Lock()
        self._retire = 0  # threads to end after their job: stand-ins took their place
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{index}", daemon=True)
            for index in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run fn(*args) on a pool thread; a future not yet running can be cancelled."""
        future: Future[Any] = Future()
        self._jobs.put((future, fn, args))
        return future

    def replace_stuck(self) -> None:
        """A thread is stuck in a job the runner gave up (a hung decode or read): start a
        stand-in so the pool keeps its size; the first thread to finish a job afterwards ends
        (the stuck one, if its job ever returns)."""
        with self._lock:
            self._retire += 1
            thread = threading.Thread(
                target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True
            )
            self._threads.append(thread)
        thread.start()

    def close(self) -> None:
        """Let each thread end after its current job; queued jobs should be cancelled first."""
        for _ in self._threads:
            self._jobs.put(None)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._run(*job)
            del job  # the arguments (an image payload) must not outlive the job
            with self._lock:
                if self._retire:
                    self._retire -= 1
                    return

    @staticmethod
    def _run(future: Future[Any], fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            result = fn(*args)
        except BaseException as exc:  # handed to the main loop, which decides
            future.set_exception(exc)
        else:
            future.set_result(result)
