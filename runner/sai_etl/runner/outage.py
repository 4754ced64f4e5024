"""Back-off with jitter, and the outage of something the runner depends on as a whole.

Two outages share this: n8n's database unreachable through the dashboard's link (claims wait),
and the image root refusing files (claims wait until a probe write succeeds). Either way no item
spends an attempt on it: the runner tries again after a back-off, with one log line per failed
try and one when it is back.
"""

from __future__ import annotations

import random
import time

from sai_etl.runner.log import event


class Backoff:
    """Delays from `first` doubling to `cap`, with jitter so that runners spread out."""

    def __init__(self, first: float = 0.5, cap: float = 30.0) -> None:
        self.first, self.cap, self.failures = first, cap, 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.first * 2**self.failures) * random.uniform(0.75, 1.0)
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


class Outage:
    """Down since when, and when to try again. The cap is short: such outages (an n8n restart,
    a disk cleaned up) last seconds to minutes, and a try costs little."""

    def __init__(self, down_event: str, up_event: str, cap: float = 10.0) -> None:
        self.down_event, self.up_event = down_event, up_event
        self.backoff = Backoff(cap=cap)
        self.since: float | None = None
        self.retry_at = 0.0

    @property
    def down(self) -> bool:
        return self.since is not None

    def failed(self, error: str) -> None:
        """A try failed (the first one starts the outage): back off."""
        now = time.monotonic()
        if self.since is None:
            self.since = now
        delay = self.backoff.next_delay()
        self.retry_at = now + delay
        event(self.down_event, "warning", error=error, retry_in=f"{delay:.1f}s")

    def recovered(self) -> bool:
        """A try succeeded; True when that ends an outage."""
        if self.since is None:
            return False
        event(self.up_event, after=f"{time.monotonic() - self.since:.1f}s")
        self.since = None
        self.backoff.reset()
        return True
