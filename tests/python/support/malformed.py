"""Generators of malformed n8n `execution_data.data` values, each with the error it must get
(or, for a string jsonb cannot hold, the document it must parse as).

Every case is malformed by construction (one defect planted in a document that was valid
flatted before), so the expected SQLSTATE and message are known exactly. Kinds:

- not JSON: random text, a valid document cut short, trailing garbage, NaN/Infinity;
- not flatted: a top level that is not an array, an empty array, an inline container;
- references: out of range, not a canonical element index, circular;
- escapes: short or unknown escapes, raw control characters (22P02); a string holding
  \\u0000 (which JSON allows and jsonb cannot hold) or a lone surrogate escape is no error: it
  parses as the same document with that string null;
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

from sai_etl_dev import flatted

NOT_JSON = ("22P02", r"flatted: not JSON")
NUMBER_OVERFLOW = (
    "22003",
    re.escape("flatted: JSON that jsonb cannot hold (value overflows numeric format)"),
)
MALFORMED = "SAI01"


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    state: str | None  # None: no error, `text` parses as `parses_as`
    message: str | None  # a regular expression the primary message must match in full
    parses_as: str | None = None  # the same document with the bad string null

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


def _dump(elements: Any) -> str:
    return json.dumps(elements, ensure_ascii=False, separators=(",", ":"))


def _append(text: str, raw: str) -> str:
    """`text` (a flatted document) with one more element, written as `raw` JSON text. Nothing
    refers to it: the document means the same, if it still parses."""
    return text[:-1] + "," + raw + "]"


def _is_strict_json(text: str) -> bool:
    def reject(name: str) -> Any:
        raise ValueError(name)

    try:
        json.loads(text, parse_constant=reject)
    except ValueError:
        return False
    return True


# An escape jsonb cannot hold: its string would become null, and the text might then be JSON.
_UNHOLDABLE = re.compile(r"\\u(0000|[dD][89a-fA-F])")


@st.composite
def _random_text(draw: st.DrawFn) -> Case:
    text = draw(
        st.text(alphabet=_chars, min_size=1, max_size=200).filter(
            lambda t: not _is_strict_json(t) and not _UNHOLDABLE.search(t)
        )
    )
    return Case("not JSON: random text", text, *NOT_JSON)


@st.composite
def _cut_short(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    text = draw(bases)
    return Case("not JSON: cut short", text[: draw(st.integers(1, len(text) - 1))], *NOT_JSON)


@st.composite
def _trailing_garbage(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    garbage = draw(
        st.text(alphabet=_chars, min_size=1, max_size=20).filter(lambda g: not g[0].isspace())
    )
    return Case("not JSON: trailing garbage", draw(bases) + garbage, *NOT_JSON)


@st.composite
def _constant(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    constant = draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))
    return Case("not JSON: NaN or Infinity", _append(draw(bases), constant), *NOT_JSON)


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


def _plant(draw: st.DrawFn, text: str, value: Any) -> str:
    """`text` with `value` added to one of its containers: an object when there is one (under a
    new key, so that what was there keeps its place), else an array."""
    elements = json.loads(text)
    objects = [i for i, e in enumerate(elements) if isinstance(e, dict)]
    arrays = [i for i, e in enumerate(elements) if isinstance(e, list)]
    owner = elements[draw(st.sampled_from(objects or arrays))]
    if isinstance(owner, dict):
        owner["\uffffdefect"] = value
    else:
        owner.insert(draw(st.integers(0, len(owner))), value)
    return _dump(elements)


@st.composite
def _inline_container(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    inline = draw(st.sampled_from([{}, [], {"a": "0"}, [1, 2]]))
    kind = "object" if isinstance(inline, dict) else "array"
    return Case(
        "not flatted: inline container",
        _plant(draw, draw(bases), copy.deepcopy(inline)),
        MALFORMED,
        rf"flatted: element \d+ holds an inline {kind}",
    )


def _bad_reference(draw: st.DrawFn, text: str, ref: str) -> tuple[str, str]:
    """`text` with the bad reference `ref`: in place of one of its references (the walker may
    follow it), or added where nothing reads it unless the whole container is decoded. Returns
    the text and which of the two."""
    elements = json.loads(text)
    references = [
        (owner, key)
        for owner in elements
        if isinstance(owner, dict | list)
        for key, value in (owner.items() if isinstance(owner, dict) else enumerate(owner))
        if isinstance(value, str)
    ]
    if references and draw(st.booleans()):
        owner, key = draw(st.sampled_from(references))
        owner[key] = ref
        return _dump(elements), "in place of a reference"
    return _plant(draw, text, ref), "added"


@st.composite
def _out_of_range(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    text = draw(bases)
    ref = str(len(json.loads(text)) + draw(st.integers(0, 10**15)))
    text, where = _bad_reference(draw, text, ref)
    return Case(
        f"reference out of range, {where}",
        text,
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
def _not_an_index(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    ref = draw(_NOT_INDEX)
    text, where = _bad_reference(draw, draw(bases), ref)
    return Case(
        f"reference not an element index, {where}",
        text,
        MALFORMED,
        re.escape(f'flatted: reference "{ref[:64]}" is not an element index'),
    )


@st.composite
def _cycle(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    # The root is an ancestor of every element: a reference to it from anywhere is a cycle.
    return Case(
        "circular reference",
        _plant(draw, draw(bases), "0"),
        MALFORMED,
        r"flatted: circular reference at element \d+",
    )


_LONE_SURROGATES = [r"\ud800", r"\udbff", r"\udc00", r"\udfff", r"\ud800\u0041"]
_BAD_ESCAPES = [r"\uZZZZ", r"\u12", r"\x41", r"\q", r"\U0041", r"\'"]


@st.composite
def _bad_escape(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    escape = draw(
        st.one_of(
            st.just(r"\u0000"),
            st.sampled_from(_LONE_SURROGATES),
            st.sampled_from(_BAD_ESCAPES),
            st.sampled_from([chr(c) for c in range(1, 32)]),
        )
    )
    base = draw(bases)
    text = _append(base, '"a' + escape + 'b"')
    if escape == r"\u0000" or escape in _LONE_SURROGATES:
        kind = "escape: \\u0000" if escape == r"\u0000" else "escape: lone surrogate"
        return Case(kind, text, None, None, parses_as=_append(base, "null"))
    return Case("escape: invalid", text, *NOT_JSON)


@st.composite
def _huge_number(draw: st.DrawFn, bases: st.SearchStrategy[str]) -> Case:
    exponent = draw(st.one_of(st.integers(131072, 10**12), st.integers(-(10**12), -16384)))
    number = f"{draw(st.sampled_from(['1', '-9', '5.5']))}e{exponent}"
    return Case("number out of range", _append(draw(bases), number), *NUMBER_OVERFLOW)


# Flatted documents whose root is a container, so that every defect has a container to go in.
documents = st.one_of(
    st.lists(_json, min_size=1, max_size=4),
    st.dictionaries(_strings, _json, min_size=1, max_size=4),
).map(flatted.encode)


def cases(bases: st.SearchStrategy[str] = documents) -> st.SearchStrategy[Case]:
    """One malformed value of any kind; the defects that need a document go into one of
    `bases` (valid flatted texts whose root is a container)."""
    return st.one_of(
        _random_text(),
        _cut_short(bases),
        _trailing_garbage(bases),
        _constant(bases),
        _not_an_array(),
        _empty(),
        _inline_container(bases),
        _out_of_range(bases),
        _not_an_index(bases),
        _cycle(bases),
        _bad_escape(bases),
        _huge_number(bases),
    )
