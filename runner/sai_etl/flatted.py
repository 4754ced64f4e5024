"""n8n's `flatted` serialisation of execution data, in Python.

A flatted document is a JSON array; element 0 is the root. Inside objects and arrays every
string is the index (as a string) of another element; numbers, booleans and null stay inline.
Equal strings and shared objects are stored once. A string element reached through a reference
is a value and is never resolved again.

The simulator writes execution data with `encode`; the tests check the SQL decoder against it.
"""

from __future__ import annotations

import json
from typing import Any


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

    ref(value)
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
    """Rebuild the value from flatted text (shared objects come back shared)."""
    elements = json.loads(text)
    if not isinstance(elements, list) or not elements:
        raise ValueError("flatted data must be a non-empty JSON array")
    done: dict[int, Any] = {}

    def resolve(index_text: str) -> Any:
        index = int(index_text)
        element = elements[index]
        if not isinstance(element, dict | list):
            return element
        if index in done:
            return done[index]
        if isinstance(element, dict):
            built: Any = {}
            done[index] = built
            for k, v in element.items():
                built[k] = resolve(v) if isinstance(v, str) else v
        else:
            built = []
            done[index] = built
            built.extend(resolve(v) if isinstance(v, str) else v for v in element)
        return built

    return resolve("0")
