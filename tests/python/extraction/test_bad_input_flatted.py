"""Malformed execution_data through the SQL flatted functions: every value gets its one clear
error (SQLSTATE and message), whatever the defect, and nothing else breaks. A string jsonb
cannot hold (\\u0000, a lone surrogate) is no error: it is lost, the rest of the document kept.

1,000 generated values (tests/python/malformed.py) plus the large ones: 10,000 and 100,000
nested arrays, a 10,000-element reference chain, and 50 MB blobs.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings

from support.malformed import MALFORMED, NOT_JSON, Case, cases

GENERATED = 1000
tried: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    yield
    print(f"\nmalformed execution_data tried: {sum(tried.values())}")
    for kind, count in sorted(tried.items()):
        print(f"  {count:5d}  {kind}")


def _error(conn: psycopg.Connection, query: str, text: str) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as raised:
        conn.execute(query, [text])
    return raised.value


def _assert_parses_as(conn: psycopg.Connection, case: Case) -> None:
    got, expected = conn.execute(
        "SELECT etl_flatted_parse(%s::text), etl_flatted_parse(%s::text)",
        [case.text, case.parses_as],
    ).fetchone()
    assert got == expected, case


def _assert_refused(conn: psycopg.Connection, case: Case) -> None:
    error = _error(conn, "SELECT etl_flatted_decode(etl_flatted_parse(%s::text))", case.text)
    assert error.sqlstate == case.state, error.diag.message_primary
    assert re.fullmatch(case.message, error.diag.message_primary or ""), error.diag.message_primary
    # A clear error stays short, whatever the size of the input.
    assert len(error.diag.message_detail or "") <= 300


@settings(
    max_examples=GENERATED,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_generated_malformed_values_get_their_error(
    dashboard: psycopg.Connection, case: Case
) -> None:
    if case.parses_as is None:
        _assert_refused(dashboard, case)
    else:
        _assert_parses_as(dashboard, case)
    tried[case.kind] += 1


def test_walker_reports_a_bad_reference_on_its_path(dashboard: psycopg.Connection) -> None:
    # The walker reads only its path: a defect there is an error, one elsewhere is not read.
    text = '[{"resultData":"1","other":"2"},{"runData":"7"},"fine"]'
    walk = "SELECT etl_flatted_node(etl_flatted_parse(%s::text), %s::text[])"
    with pytest.raises(psycopg.Error) as raised:
        dashboard.execute(walk, [text, ["resultData", "runData"]])
    assert (raised.value.sqlstate, raised.value.diag.message_primary) == (
        MALFORMED,
        'flatted: reference "7" out of range',
    )
    assert dashboard.execute(walk, [text, ["other"]]).fetchone() == ("fine",)
    tried["reference out of range, on the walker's path"] += 1


@pytest.mark.parametrize(
    ("depth", "state", "message"),
    [
        (10_000, MALFORMED, "flatted: element 0 holds an inline array"),
        (100_000, "54001", "flatted: nesting too deep"),
    ],
)
def test_deeply_nested_json(
    dashboard: psycopg.Connection, depth: int, state: str, message: str
) -> None:
    error = _error(
        dashboard,
        "SELECT etl_flatted_decode(etl_flatted_parse(%s::text))",
        "[" * depth + "]" * depth,
    )
    assert (error.sqlstate, error.diag.message_primary) == (state, message)
    tried[f"nesting: {depth:,} arrays"] += 1


def test_ten_thousand_deep_reference_chain(dashboard: psycopg.Connection) -> None:
    text = "[" + ",".join(f'{{"next":"{i + 1}"}}' for i in range(10_000)) + ',"end"]'
    error = _error(dashboard, "SELECT etl_flatted_decode(etl_flatted_parse(%s::text))", text)
    assert (error.sqlstate, error.diag.message_primary) == (
        "54000",
        "flatted: nesting deeper than 64",
    )
    tried["nesting: 10,000-deep reference chain"] += 1


FIFTY_MB = 50 * 1024 * 1024
# name: (text before, text after 50 MB of one character, expected error)
BIG = {
    "one 50 MB token": ("", "", NOT_JSON),
    "50 MB document cut short": ('[{"a":"1"},"', "", NOT_JSON),
}


@pytest.mark.parametrize("name", list(BIG))
def test_fifty_megabytes(dashboard: psycopg.Connection, name: str) -> None:
    head, tail, (state, message) = BIG[name]
    started = time.monotonic()
    _assert_refused(dashboard, Case(name, head + "y" * FIFTY_MB + tail, state, message))
    assert time.monotonic() - started < 20
    tried[f"50 MB: {name}"] += 1


def test_fifty_megabyte_string_with_a_nul_at_its_end_is_lost(dashboard: psycopg.Connection) -> None:
    text = '[{"a":"1"},"' + "y" * FIFTY_MB + '\\u0000"]'
    (parsed,) = dashboard.execute("SELECT etl_flatted_parse(%s::text)", [text]).fetchone()
    assert parsed == [{"a": "1"}, None]
    tried["50 MB: a string with \\u0000 at its end"] += 1
