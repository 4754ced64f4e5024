"""Generators of malformed n8n `execution_data.data` values, each with the error it must get.

Every case is malformed by construction (one defect planted in a document that was valid
flatted before), so the expected SQLSTATE and message are known exactly. Kinds:

- not JSON: random text, a valid document cut short, trailing garbage, NaN/Infinity;
- not flatted: a top level that is not an array, an empty array, an inline container;
- references: out of range, not a canonical element index, circular;
- escapes: lone surrogates, short or unknown escapes, raw control characters (22P02), and
  \\u0000, which JSON allows and jsonb cannot hold (22P05);
- numbers: exponents numeric cannot hold (22003).

Texts never contain NUL or surrogate characters: a PostgreSQL text column (n8n's `data`) cannot
hold them, so they cannot reach the extraction.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from sai_etl import flatted

NOT_JSON = ("22P02", r"flatted: not JSON")
NUL_ESCAPE = (
    "22P05",
    re.escape("flatted: JSON that jsonb cannot hold (unsupported Unicode escape sequence)"),
)
NUMBER_OVERFLOW = (
    "22003",
    re.escape("flatted: JSON that jsonb cannot hold (value overflows numeric format)"),
)
MALFORMED = "SAI01"


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    state: str
    message: str  # a regular expression the primary message must match in full

    def __repr__(self) -> str:  # hypothesis prints failing cases: keep them readable
        return f"Case({self.kind!r}, {self.text[:300]!r}, {self.state!r}, {self.message!r})"


_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_strings = st.one_of(
    st.text(alphabet=_chars, max_size=8),
    st.from_regex(r"\A(0|[1-9][0-9]{0,4})\Z"),
    st.sampled_from(["", "image", "Risk: low", "../../etc/passwd"]),
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    _strings,
)
_json = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(_strings, children, max_size=4),
    ),
    max_leaves=20,
)
# Documents whose root is a container, so that every defect below has a container to go in.
_roots = st.one_of(
    st.lists(_json, min_size=1, max_size=4),
    st.dictionaries(_strings, _json, min_size=1, max_size=4),
)


def _elements(value: Any) -> list[Any]:
    return json.loads(flatted.encode(value))


def _dump(elements: Any) -> str:
    return json.dumps(elements, ensure_ascii=False, separators=(",", ":"))


def _is_strict_json(text: str) -> bool:
    def reject(name: str) -> Any:
        raise ValueError(name)

    try:
        json.loads(text, parse_constant=reject)
    except ValueError:
        return False
    # Python accepts escaped lone surrogates, PostgreSQL does not: count those as not JSON.
    return not re.search(r"\\u[dD][89a-fA-F]", text)


@st.composite
def _random_text(draw: st.DrawFn) -> Case:
    text = draw(
        st.text(alphabet=_chars, min_size=1, max_size=200).filter(lambda t: not _is_strict_json(t))
    )
    return Case("not JSON: random text", text, *NOT_JSON)


@st.composite
def _cut_short(draw: st.DrawFn) -> Case:
    text = flatted.encode(draw(_roots))
    return Case("not JSON: cut short", text[: draw(st.integers(1, len(text) - 1))], *NOT_JSON)


@st.composite
def _trailing_garbage(draw: st.DrawFn) -> Case:
    garbage = draw(
        st.text(alphabet=_chars, min_size=1, max_size=20).filter(lambda g: not g[0].isspace())
    )
    text = flatted.encode(draw(_roots)) + garbage
    return Case("not JSON: trailing garbage", text, *NOT_JSON)


@st.composite
def _constant(draw: st.DrawFn) -> Case:
    constant = draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))
    text = _dump(_elements(draw(_roots)))[:-1] + "," + constant + "]"
    return Case("not JSON: NaN or Infinity", text, *NOT_JSON)


@st.composite
def _not_an_array(draw: st.DrawFn) -> Case:
    value = draw(
        st.one_of(
            st.dictionaries(_strings, _json, max_size=4),
            _strings,
            st.integers(min_value=-(2**53), max_value=2**53),
            st.booleans(),
            st.none(),
        )
    )
    kind = {dict: "object", str: "string", int: "number", bool: "boolean", type(None): "null"}[
        type(value)
    ]
    return Case(
        "not flatted: top level not an array",
        _dump(value),
        MALFORMED,
        f"flatted: top level is {kind}, not an array",
    )


@st.composite
def _empty(draw: st.DrawFn) -> Case:
    text = draw(st.sampled_from(["[]", " [ ] ", "\n[\t]\n"]))
    return Case(
        "not flatted: empty array",
        text,
        MALFORMED,
        re.escape("flatted: empty array, no root element"),
    )


def _containers(elements: list[Any]) -> list[int]:
    return [i for i, e in enumerate(elements) if isinstance(e, dict | list)]


def _plant(draw: st.DrawFn, container: dict[str, Any] | list[Any], value: Any) -> None:
    if isinstance(container, list):
        container.insert(draw(st.integers(0, len(container))), value)
    else:
        container["\uffffdefect"] = value


@st.composite
def _inline_container(draw: st.DrawFn) -> Case:
    elements = _elements(draw(_roots))
    owner = draw(st.sampled_from(_containers(elements)))
    inline = draw(st.sampled_from([{}, [], {"a": "0"}, [1, 2]]))
    _plant(draw, elements[owner], copy.deepcopy(inline))
    kind = "object" if isinstance(inline, dict) else "array"
    return Case(
        "not flatted: inline container",
        _dump(elements),
        MALFORMED,
        rf"flatted: element \d+ holds an inline {kind}",
    )


@st.composite
def _out_of_range(draw: st.DrawFn) -> Case:
    elements = _elements(draw(_roots))
    ref = str(len(elements) + draw(st.integers(0, 10**15)))
    _plant(draw, elements[draw(st.sampled_from(_containers(elements)))], ref)
    return Case(
        "reference out of range",
        _dump(elements),
        MALFORMED,
        re.escape(f'flatted: reference "{ref[:64]}" out of range'),
    )


_NOT_INDEX = st.one_of(
    st.sampled_from(
        ["-1", "01", "00", "+1", " 1", "1 ", "1.0", "1e2", "0x1", "\u0661", "abc", "0" * 80]
    ),
    st.text(alphabet=_chars, min_size=1, max_size=100).filter(
        lambda s: not re.fullmatch(r"0|[1-9][0-9]*", s)
    ),
)


@st.composite
def _not_an_index(draw: st.DrawFn) -> Case:
    elements = _elements(draw(_roots))
    ref = draw(_NOT_INDEX)
    _plant(draw, elements[draw(st.sampled_from(_containers(elements)))], ref)
    return Case(
        "reference not an element index",
        _dump(elements),
        MALFORMED,
        re.escape(f'flatted: reference "{ref[:64]}" is not an element index'),
    )


@st.composite
def _cycle(draw: st.DrawFn) -> Case:
    elements = _elements(draw(_roots))
    owner = draw(st.sampled_from(_containers(elements)))
    # The root is an ancestor of every element, and every container is its own.
    target = draw(st.sampled_from([0, owner]))
    _plant(draw, elements[owner], str(target))
    return Case(
        "circular reference",
        _dump(elements),
        MALFORMED,
        r"flatted: circular reference at element \d+",
    )


_BAD_ESCAPES = [
    r"\ud800",
    r"\udbff",
    r"\udc00",
    r"\udfff",
    r"\ud800\u0041",
    r"\uZZZZ",
    r"\u12",
    r"\x41",
    r"\q",
    r"\U0041",
    r"\'",
]


@st.composite
def _bad_escape(draw: st.DrawFn) -> Case:
    marker = "\u27e6marker\u27e7"
    value = draw(_roots)
    elements = _elements([value, marker])
    escape = draw(
        st.one_of(
            st.just(r"\u0000"),
            st.sampled_from(_BAD_ESCAPES),
            st.sampled_from([chr(c) for c in range(1, 32)]),
        )
    )
    text = _dump(elements).replace(marker, "a" + escape + "b", 1)
    if escape == r"\u0000":
        return Case("escape: \\u0000", text, *NUL_ESCAPE)
    return Case("escape: invalid", text, *NOT_JSON)


@st.composite
def _huge_number(draw: st.DrawFn) -> Case:
    elements = _elements(draw(_roots))
    exponent = draw(st.one_of(st.integers(131072, 10**12), st.integers(-(10**12), -16384)))
    number = f"{draw(st.sampled_from(['1', '-9', '5.5']))}e{exponent}"
    text = _dump(elements)[:-1] + "," + number + "]"
    return Case("number out of range", text, *NUMBER_OVERFLOW)


def cases() -> st.SearchStrategy[Case]:
    """One malformed value of any kind."""
    return st.one_of(
        _random_text(),
        _cut_short(),
        _trailing_garbage(),
        _constant(),
        _not_an_array(),
        _empty(),
        _inline_container(),
        _out_of_range(),
        _not_an_index(),
        _cycle(),
        _bad_escape(),
        _huge_number(),
    )
