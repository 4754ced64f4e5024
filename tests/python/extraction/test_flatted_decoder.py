"""The SQL flatted decoder (sql/dashboard/10_flatted/) against the Python codec.

Round trips of random JSON through `sai_etl_dev.flatted.encode` and the SQL functions, malformed
documents made by editing encoded ones, and the 18 real n8n executions of the fixtures.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai_etl_dev import flatted

EXECUTIONS_SQL = Path(__file__).parents[2] / "fixtures" / "n8n-1.123" / "executions.sql"
MALFORMED = "SAI01"

# Strings jsonb can hold: no NUL, no lone surrogates. Digit-only ones look like references.
_strings = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=10,
    ),
    st.from_regex(r"\A(0|[1-9][0-9]{0,5})\Z"),
    st.sampled_from(["0", "1", "2", "12345", "", "Risk: low"]),
)
# jsonb stores numbers as numeric: integers round-trip exactly, and so does every finite float
# below 2**53 in magnitude (its shortest repr is exact decimal text that parses back the same).
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    _strings,
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(_strings, children, max_size=4),
        children.map(lambda c: [c, c]),  # one Python object twice: a shared element
        children.map(lambda c: {"a": c, "b": [c], "c": copy.deepcopy(c)}),  # shared and equal
    )


_json = st.recursive(_scalars, _containers, max_leaves=30)
_json_containers = _containers(_json)


def _tagged(value: Any) -> Any:
    """Comparable form that keeps booleans apart from numbers (True == 1 in Python)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    return {k: _tagged(v) for k, v in value.items()}


def _sql_decode(conn: psycopg.Connection, text: str, path: list[str] | None = None) -> Any:
    row = conn.execute(
        "SELECT etl_flatted_decode(etl_flatted_parse(%s::text), %s::text[])", (text, path or [])
    ).fetchone()
    assert row is not None
    return row[0]


_hypothesis = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_hypothesis
@given(value=_json)
def test_decode_inverts_encode(dashboard: psycopg.Connection, value: Any) -> None:
    assert _tagged(_sql_decode(dashboard, flatted.encode(value))) == _tagged(value)


@_hypothesis
@given(value=_json_containers, data=st.data())
def test_walker_and_decoder_agree_at_any_path(
    dashboard: psycopg.Connection, value: Any, data: st.DataObject
) -> None:
    path: list[str] = []
    target = value
    while isinstance(target, dict | list) and target and data.draw(st.booleans()):
        if isinstance(target, dict):
            key = data.draw(st.sampled_from(sorted(target)))
        else:
            key = data.draw(st.integers(0, len(target) - 1))
        path.append(str(key))
        target = target[key]
    text = flatted.encode(value)
    assert _tagged(_sql_decode(dashboard, text, path)) == _tagged(target)
    row = dashboard.execute(
        "SELECT etl_flatted_node(etl_flatted_parse(%s::text), %s::text[])", (text, path)
    ).fetchone()
    assert row is not None
    if not isinstance(target, dict | list):
        assert _tagged(row[0]) == _tagged(target)  # a leaf comes back resolved
    elif isinstance(target, dict):
        assert set(row[0]) == set(target)  # a container comes back raw: same keys
    else:
        assert isinstance(row[0], list) and len(row[0]) == len(target)


_NOT_INDEX = st.one_of(
    st.sampled_from(["-1", "01", "00", "+1", " 1", "1 ", "1.0", "1e2", "0x1", "\u0661", "abc"]),
    st.text(min_size=1, max_size=8).filter(lambda s: "\x00" not in s and not s.isascii()),
)


@_hypothesis
@given(value=_json_containers, data=st.data())
def test_malformed_documents_raise(
    dashboard: psycopg.Connection, value: Any, data: st.DataObject
) -> None:
    elements = json.loads(flatted.encode(value))
    owner = data.draw(
        st.sampled_from([i for i, e in enumerate(elements) if isinstance(e, dict | list)])
    )
    defect = data.draw(st.sampled_from(["out of range", "not an index", "cycle"]))
    if defect == "out of range":
        ref = str(len(elements) + data.draw(st.integers(0, 10**12)))
        message = f'flatted: reference "{ref}" out of range'
    elif defect == "not an index":
        ref = data.draw(_NOT_INDEX)
        message = f'flatted: reference "{ref}" is not an element index'
    else:
        ref = "0"  # the root: an ancestor of every element, since all are reachable from it
        message = "flatted: circular reference at element 0"
    container = elements[owner]
    if isinstance(container, list):
        container.insert(data.draw(st.integers(0, len(container))), ref)
    else:
        container["\uffffdefect"] = ref
    with pytest.raises(psycopg.Error) as raised:
        _sql_decode(dashboard, json.dumps(elements, ensure_ascii=False))
    assert raised.value.sqlstate == MALFORMED
    assert raised.value.diag.message_primary == message


_COPY_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.DOTALL)
_COPY_CHARS = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _copy_field(raw: str) -> str | None:
    """One field of PostgreSQL's COPY text format, unescaped."""
    if raw == r"\N":
        return None

    def unescape(m: re.Match[str]) -> str:
        octal, hexa, char = m.groups()
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        return _COPY_CHARS.get(char, char)

    return _COPY_ESCAPE.sub(unescape, raw)


def _fixture_execution_data() -> dict[int, str]:
    lines = iter(EXECUTIONS_SQL.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if line.startswith('COPY public.execution_data ("executionId", "workflowData", data)'):
            break
    out: dict[int, str] = {}
    for line in lines:
        if line == r"\.":
            return out
        execution_id, _workflow, data = line.split("\t")
        text = _copy_field(data)
        assert text is not None
        out[int(execution_id)] = text
    raise AssertionError("execution_data COPY block has no end marker")


def test_fixture_executions_decode_as_in_python(dashboard: psycopg.Connection) -> None:
    executions = _fixture_execution_data()
    assert sorted(executions) == list(range(1, 19))
    assert len(executions[1]) == 974_395  # the README's size: the COPY text was unescaped right
    for execution_id, text in executions.items():
        expected = flatted.decode(text)
        assert _tagged(_sql_decode(dashboard, text)) == _tagged(expected), execution_id
