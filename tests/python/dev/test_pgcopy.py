"""The COPY text parser the Stage 1 tests read the fixtures with agrees with PostgreSQL itself,
on what pg_dump writes and on the escapes only a hand-written COPY uses."""

from __future__ import annotations

import psycopg

from support import pgcopy

VALUES = ["plain", "tab\there", "new\nline\r", "back\\slash", "\\N", "ñandú 🔥", "", None]
# Escapes PostgreSQL's COPY FROM accepts: octal and hex bytes (one UTF-8 character split over
# two), \b \f \v, and a backslash before any other character.
HAND_WRITTEN = [r"\303\251t\xc3\xa9", r"\b\f\v", r"\q\\x\y", r"\x4", r"\101\1012"]


def test_reads_what_postgres_writes(dashboard: psycopg.Connection) -> None:
    with (
        dashboard.cursor() as cur,
        cur.copy(
            "COPY (SELECT v, upper(v) FROM unnest(%s::text[]) WITH ORDINALITY AS t (v, n) "
            "ORDER BY n) TO STDOUT",
            [VALUES],
        ) as copy,
    ):
        text = b"".join(copy).decode("utf-8")
    dump = f'COPY public.t (v, "Upper ""V""") FROM stdin;\n{text}\\.\n'
    (block,) = pgcopy.parse(dump).values()
    assert block.columns == ["v", 'Upper "V"']
    assert [row["v"] for row in block.rows] == VALUES
    assert [row['Upper "V"'] for row in block.rows] == [v and v.upper() for v in VALUES]


def test_unescapes_as_postgres_does(dashboard: psycopg.Connection) -> None:
    with dashboard.transaction():
        dashboard.execute("CREATE TEMPORARY TABLE copied (n integer, v text) ON COMMIT DROP")
        with dashboard.cursor().copy("COPY copied (n, v) FROM STDIN") as copy:
            copy.write("".join(f"{n}\t{field}\n" for n, field in enumerate(HAND_WRITTEN)).encode())
        stored = [v for (v,) in dashboard.execute("SELECT v FROM copied ORDER BY n")]
    assert [pgcopy.unescape(field) for field in HAND_WRITTEN] == stored
