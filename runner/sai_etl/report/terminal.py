"""Presentation for people: aligned tables, values as text, ANSI colour only on a terminal."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

UNKNOWN = "—"
_CODES = {"red": "31", "yellow": "33", "green": "32", "bold": "1", "dim": "2"}


@dataclass(frozen=True)
class Style:
    """Colours on or off; `for_stream` decides (a terminal, and NO_COLOR unset)."""

    color: bool

    @classmethod
    def for_stream(cls, stream: IO[str]) -> Style:
        return cls(color=stream.isatty() and not os.environ.get("NO_COLOR"))

    def paint(self, text: str, *names: str) -> str:
        if not self.color or not names:
            return text
        codes = ";".join(_CODES[name] for name in names)
        return f"\x1b[{codes}m{text}\x1b[0m"


def timestamp(value: str | None) -> str:
    """An ISO timestamp from JSON, to the second."""
    if value is None:
        return UNKNOWN
    moment = datetime.fromisoformat(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z").rstrip()


def ago(value: str | None, now: datetime) -> str:
    """How long before `now` an ISO timestamp was, roughly: 3h 12m, 45s."""
    if value is None:
        return UNKNOWN
    seconds = int((now - datetime.fromisoformat(value)).total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")]
    shown = [f"{n}{unit}" for n, unit in parts if n][:2] or ["0s"]
    return sign + " ".join(shown)


def when(value: str | None, now: datetime) -> str:
    """A timestamp with how long ago it was."""
    if value is None:
        return UNKNOWN
    return f"{timestamp(value)} ({ago(value, now)} ago)"


def text(value: Any) -> str:
    """Any JSON value as a cell: NULL is shown as unknown, never as zero."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], style: Style, indent: str = "  "
) -> list[str]:
    """Left-aligned columns, the header dimmed; cells are already text (they may carry colour,
    so widths are measured without it)."""
    plain = [[_strip(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in plain:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [indent + style.paint(_join(headers, widths, list(headers)), "dim")]
    for row, bare in zip(rows, plain, strict=True):
        lines.append(indent + _join(row, widths, bare))
    return lines


def pairs(items: Sequence[tuple[str, str]], indent: str = "  ") -> list[str]:
    """`label  value` lines with the values aligned."""
    width = max((len(label) for label, _ in items), default=0)
    return [f"{indent}{label:<{width}}  {value}" for label, value in items]


def _join(cells: Sequence[str], widths: Sequence[int], bare: Sequence[str]) -> str:
    padded = [
        cell + " " * (width - len(plain))
        for cell, width, plain in zip(cells, widths, bare, strict=True)
    ]
    return "  ".join(padded).rstrip()


def _strip(cell: str) -> str:
    out, i = [], 0
    while i < len(cell):
        if cell[i] == "\x1b":
            i = cell.index("m", i) + 1
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)
