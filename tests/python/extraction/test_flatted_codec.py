"""The Python flatted codec (sai_etl_dev.flatted) on its own: what it accepts and rejects."""

from __future__ import annotations

import json

import pytest

from sai_etl_dev import flatted


@pytest.mark.parametrize("ref", ["-1", "01", "+1", " 1", "1_0", "\u0661", "x"])
def test_decode_rejects_a_reference_that_is_not_an_element_index(ref: str) -> None:
    # int() accepts all of these; "-1" even wrapped round to the last element.
    text = json.dumps([{"a": ref}, "x", "y"])
    with pytest.raises(ValueError, match="is not an element index"):
        flatted.decode(text)


def test_decode_rejects_a_reference_out_of_range() -> None:
    with pytest.raises(ValueError, match='reference "3" out of range'):
        flatted.decode('[{"a":"3"},"x","y"]')


@pytest.mark.parametrize("member", ['{"b":"1"}', "[]"])
def test_decode_rejects_an_inline_container(member: str) -> None:
    with pytest.raises(ValueError, match="element 0 holds an inline"):
        flatted.decode(f'[{{"a":{member}}},"x"]')


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_decode_rejects_non_json_constants(constant: str) -> None:
    with pytest.raises(ValueError, match="is not JSON"):
        flatted.decode(f'[{{"a":{constant}}}]')


def test_decode_keeps_digit_strings_and_sharing() -> None:
    value = flatted.decode('[{"a":"1","b":"1","c":"2"},{"id":"3"},"0","12345"]')
    assert value == {"a": {"id": "12345"}, "b": {"id": "12345"}, "c": "0"}
    assert value["a"] is value["b"]


def test_decode_rebuilds_cycles() -> None:
    value = flatted.decode('[{"self":"0","items":"1"},["0"]]')
    assert value["self"] is value
    assert value["items"][0] is value


def test_decode_is_not_bounded_by_the_recursion_limit() -> None:
    depth = 20_000
    elements = [[str(i + 1)] for i in range(depth - 1)] + [[]]
    value = flatted.decode(json.dumps(elements))
    for _ in range(depth - 1):
        (value,) = value
    assert value == []


@pytest.mark.parametrize("root", [None, True, 0, 12345, 1.5])
def test_encode_writes_a_scalar_root_as_element_0(root: object) -> None:
    # flatted's stringify(null) is "[null]"; "[]" would have no root at all.
    assert flatted.encode(root) == json.dumps([root])
    assert flatted.decode(flatted.encode(root)) == root
