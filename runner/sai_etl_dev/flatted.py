"""n8n's `flatted` serialisation of execution data, in Python.

A flatted document is a JSON array; element 0 is the root. Inside objects and arrays every
string is the index (as a string) of another element; numbers, booleans and null stay inline.
Equal strings and shared objects are stored once. A string element reached through a reference
is a value and is never resolved again.

The simulator writes execution data with `encode`; the tests check the SQL decoder against it.
"""

from __future__ import annotations

import json
import re
from typing import Any

_CANONICAL_INDEX = re.compile("0|[1-9][0-9]*")


def encode(value: Any) -> str:
    """Serialise `value` the way n8n's flatted `stringify` does."""
    elements: list[Any] = []
    by_string: dict[str, str] = {}
    by_identity: dict[int, str] = {}

    def ref(item: Any) -> Any:
        if isinstance(item, str):
            if item not in by_string:
                by_string[item] = str(len(elements))
                elements.append(item)
            return by_string[item]
        if isinstance(item, dict | list):
            key = id(item)
            if key not in by_identity:
                by_identity[key] = str(len(elements))
                elements.append(item)
            return by_identity[key]
        return item

    if isinstance(value, str | dict | list):
        ref(value)
    else:
        elements.append(value)  # a number, boolean or null root is element 0 itself
    out = []
    for element in elements:
        if isinstance(element, dict):
            out.append({k: ref(v) for k, v in element.items()})
        elif isinstance(element, list):
            out.append([ref(v) for v in element])
        else:
            out.append(element)
        # `elements` grows while we walk it: the loop reaches the new ones too.
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Any:
    """Rebuild the value from flatted text (shared objects come back shared, cycles as cycles).

    Iterative, so no nesting depth exhausts Python's recursion limit. Raises ValueError for text
    that is not strict JSON, not a non-empty array, or holds a reference that names no element
    (only canonical decimal indices do, as in JavaScript's `input[ref]`) or an inline container.
    """
    elements = json.loads(text, parse_constant=_reject_constant)
    if not isinstance(elements, list) or not elements:
        raise ValueError("flatted data must be a non-empty JSON array")
    built: dict[int, Any] = {}
    pending: list[int] = []

    def value(raw: Any, owner: int) -> Any:
        if isinstance(raw, dict | list):
            kind = "object" if isinstance(raw, dict) else "array"
            raise ValueError(f"flatted: element {owner} holds an inline {kind}")
        if not isinstance(raw, str):
            return raw
        index = _index(raw, len(elements))
        element = elements[index]
        if not isinstance(element, dict | list):
            return element
        if index not in built:
            built[index] = {} if isinstance(element, dict) else []
            pending.append(index)
        return built[index]

    root = value("0", 0)
    while pending:
        index = pending.pop()
        element, target = elements[index], built[index]
        if isinstance(element, dict):
            for k, v in element.items():
                target[k] = value(v, index)
        else:
            target.extend(value(v, index) for v in element)
    return root


def _index(ref: str, count: int) -> int:
    if not _CANONICAL_INDEX.fullmatch(ref):
        raise ValueError(f'flatted: reference "{ref[:64]}" is not an element index')
    index = int(ref)
    if index >= count:
        raise ValueError(f'flatted: reference "{ref[:64]}" out of range')
    return index


def _reject_constant(name: str) -> Any:
    raise ValueError(f"flatted: {name} is not JSON")
