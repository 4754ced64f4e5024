"""Command-line times: `7d`, `12h`, `30m`, `45s` ago, or an ISO date/time."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_SPAN = re.compile(r"^(\d+)([smhdw])$")


def span(text: str) -> timedelta:
    """`7d` -> 7 days; argparse type."""
    match = _SPAN.match(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a span like 30m, 12h or 7d")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def since(text: str) -> datetime:
    """A span back from now, or an ISO 8601 date/time (UTC when it names no zone); argparse type."""
    try:
        return datetime.now(UTC) - span(text)
    except argparse.ArgumentTypeError:
        pass
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither a span like 7d nor a date like 2026-01-31"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
