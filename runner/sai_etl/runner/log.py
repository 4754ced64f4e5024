"""The runner's event log: one line per event on stdout (journald keeps the time)."""

from __future__ import annotations

import json
import os
import sys
import threading

_LOCK = threading.Lock()
_MAX_VALUE = 300
# sd-daemon priority prefixes, understood by journald when stdout is its stream.
_PRIORITIES = {"error": "<3>", "warning": "<4>", "info": "<6>"}


def _format(value: object) -> str:
    text = str(value)
    if len(text) > _MAX_VALUE:
        text = text[: _MAX_VALUE - 3] + "..."
    if not text or any(c.isspace() or c in '"=\\' for c in text):
        return json.dumps(text, ensure_ascii=False)
    return text


def event(name: str, level: str = "info", **fields: object) -> None:
    """`name key=value ...`; None values are left out. Never pass image data or credentials."""
    parts = [name]
    parts += (f"{key}={_format(value)}" for key, value in fields.items() if value is not None)
    prefix = _PRIORITIES[level] if os.environ.get("JOURNAL_STREAM") else ""
    if not prefix and level != "info":
        parts.insert(0, level.upper())
    with _LOCK:
        sys.stdout.write(prefix + " ".join(parts) + "\n")
        sys.stdout.flush()


def error_text(exc: BaseException) -> str:
    """An exception as one short line for an event's error field."""
    return " ".join(str(exc).split()) or type(exc).__name__
