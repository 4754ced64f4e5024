"""Reading the COPY ... FROM stdin blocks of a pg_dump file (the n8n fixtures), in Python.

COPY's text format: one row per line, columns separated by tabs, `\\N` for NULL, and backslash
escapes: `\\b \\f \\n \\r \\t \\v`, octal `\\NNN` and hex `\\xHH` bytes, and a backslash before any
other character stands for that character. Escaped bytes may be parts of one UTF-8 character, so
a field is rebuilt as bytes and decoded once.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_HEAD = re.compile(r"^COPY (?P<table>\S+) \((?P<columns>.*)\) FROM stdin;$")
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{1,2})|([0-7]{1,3})|(.))", re.DOTALL)
_SIMPLE = {"b": b"\b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t", "v": b"\v"}

Row = dict[str, str | None]


@dataclass(frozen=True)
class CopyBlock:
    table: str  # as written after COPY, e.g. public.execution_entity
    columns: list[str]  # unquoted column names, in order
    rows: list[Row]


def unescape(field: str) -> str | None:
    """One field of a COPY text row: its value, or None for `\\N`."""
    if field == "\\N":
        return None
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(field):
        out += field[position : match.start()].encode("utf-8")
        hex_digits, octal_digits, char = match.groups()
        if hex_digits is not None:
            out.append(int(hex_digits, 16))
        elif octal_digits is not None:
            out.append(int(octal_digits, 8) & 0xFF)
        else:
            out += _SIMPLE.get(char, char.encode("utf-8"))
        position = match.end()
    out += field[position:].encode("utf-8")
    return out.decode("utf-8")


def _column_names(spec: str) -> list[str]:
    """Column names of a COPY head, unquoted: pg_dump double-quotes a name that needs it and
    doubles the quotes inside, as CSV does."""
    return next(csv.reader([spec], skipinitialspace=True))


def parse(text: str) -> dict[str, CopyBlock]:
    """Every COPY block of a dump, by table name (as written, e.g. `public.execution_entity`)."""
    blocks: dict[str, CopyBlock] = {}
    lines = iter(text.split("\n"))
    for line in lines:
        head = _HEAD.match(line)
        if head is None:
            continue
        columns = _column_names(head["columns"])
        rows: list[Row] = []
        for row_line in lines:
            if row_line == "\\.":
                break
            fields = row_line.split("\t")
            if len(fields) != len(columns):
                raise ValueError(
                    f"{head['table']}: a row has {len(fields)} fields, expected {len(columns)}"
                )
            rows.append(dict(zip(columns, map(unescape, fields), strict=True)))
        else:
            raise ValueError(f"{head['table']}: COPY block not terminated by \\.")
        blocks[head["table"]] = CopyBlock(head["table"], columns, rows)
    return blocks


def read(path: Path) -> dict[str, CopyBlock]:
    return parse(path.read_text("utf-8"))
