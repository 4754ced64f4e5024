"""systemd's readiness protocol (sd_notify) without a dependency: one datagram per message.

A no-op when the process was not started by systemd with Type=notify (no NOTIFY_SOCKET).
"""

from __future__ import annotations

import os
import socket


def notify(*assignments: str) -> bool:
    """Send `READY=1`, `STATUS=...`, `WATCHDOG=1`, `STOPPING=1` ...; True when sent."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if address.startswith("@"):
        address = "\0" + address[1:]  # abstract namespace
    elif not address.startswith("/"):
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto("\n".join(assignments).encode("utf-8"), address)
    except OSError:
        return False  # systemd gone or socket full: never a reason to stop working
    return True


def watchdog_period() -> float | None:
    """Seconds between WATCHDOG=1 pings (half of WatchdogSec), or None when not watched."""
    pid = os.environ.get("WATCHDOG_PID")
    if pid and pid != str(os.getpid()):
        return None
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec / 2e6 if usec > 0 else None


class Pings:
    """WATCHDOG and STATUS, sent from the main loop only: a hung loop must stop the pings."""

    def __init__(self) -> None:
        self.period = watchdog_period()
        self.next_watchdog = 0.0
        self.status = ""  # the last STATUS sent

    def tick(self, now: float, status: str) -> None:
        if self.period is not None and now >= self.next_watchdog:
            notify("WATCHDOG=1")
            self.next_watchdog = now + self.period
        if status != self.status:
            notify(f"STATUS={status}")
            self.status = status

    def next_at(self) -> float | None:
        return None if self.period is None else self.next_watchdog
