"""The image root refused a file (full, read only, gone): no claims until a probe write succeeds,
so that a long disk outage does not spend every queued item's attempts."""

from __future__ import annotations

import time
from concurrent.futures import Future
from pathlib import Path

from sai_etl.runner import images
from sai_etl.runner.inflight import InFlight
from sai_etl.runner.log import error_text
from sai_etl.runner.outage import Outage


class ImageRootWatch:
    def __init__(self, image_dir: Path) -> None:
        self.image_dir = image_dir
        self.outage = Outage("image-root-unwritable", "image-root-writable")
        self.probe: Future[None] | None = None

    @property
    def down(self) -> bool:
        return self.outage.down

    def check(self, work: InFlight, stopping: bool) -> bool:
        """Start a probe when one is due, take its result when it is done; True when the root
        takes files again."""
        if not self.outage.down:
            return False
        if self.probe is None:
            if time.monotonic() >= self.outage.retry_at and not stopping:
                # On a pool thread: a hung disk must not stop the loop (and its watchdog).
                self.probe = work.submit(images.check_writable, self.image_dir)
            return False
        if not self.probe.done():
            return False
        failure = self.probe.exception()
        self.probe = None
        if failure is None:
            return self.outage.recovered()
        self.outage.failed(error_text(failure))
        return False

    def next_probe(self) -> float | None:
        """When the next probe is due (None: none is waiting to start)."""
        return self.outage.retry_at if self.outage.down and self.probe is None else None

    def close(self) -> None:
        if self.probe is not None:
            self.probe.cancel()
