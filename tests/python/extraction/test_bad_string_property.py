"""etl_flatted_parse on documents of strings built from escapes that are easy to get wrong
(escaped backslashes and quotes next to `u0000`, surrogate pairs and lone halves, upper- and
lower-case hex): a string is null exactly when it holds a NUL or a lone surrogate, and every
other string is kept, as Python's JSON decoder reads it.
"""

from __future__ import annotations

import json

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "a", " ", "é", "\U0001f525", ":", '\\"', "\\\\", "\\/", "\\n", "\\u0041", "\\u00e9",
    "\\u0000", "\\\\u0000", "\\\\\\u0000", "u0000", "\\ud83d\\udd25", "\\uD83D\\uDE00",
    "\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "\\\\ud800",
]  # fmt: skip

# A string literal's content: pieces of escaped JSON text.
contents = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)


def _expected(content: str) -> str | None:
    value = json.loads('"' + content + '"')  # Python keeps lone surrogates as characters
    lone = any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    return None if "\x00" in value or lone else value


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(strings=st.lists(contents, min_size=1, max_size=5), spaces=st.sampled_from(["", " "]))
def test_a_string_is_null_exactly_when_jsonb_cannot_hold_it(
    dashboard: psycopg.Connection, strings: list[str], spaces: str
) -> None:
    text = "[" + f",{spaces}".join(['{"k":"1"}', *(f'"{s}"' for s in strings)]) + "]"
    (parsed,) = dashboard.execute("SELECT etl_flatted_parse(%s::text)", [text]).fetchone()
    assert parsed == [{"k": "1"}, *(_expected(s) for s in strings)], text
