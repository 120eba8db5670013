"""The brace scanner every BibTeX module asks where groups are (#12)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sarcref.formats.bibtex import scan
from sarcref.formats.bibtex.names import parse_names, split_names

AND = re.compile(r"\s+and\s+")


def test_escaped_braces_are_text_everywhere() -> None:
    # The case the four old scanners disagreed on.
    value = r"{Barnes \} Noble}"
    assert scan.matching_brace(value, 0) == len(value) - 1
    assert scan.is_one_group(value)
    assert scan.top_level_spans(value) == [(0, len(value))]
    assert parse_names(r"{Barnes \} Noble} and Doe, Jane") == [
        {"literal": "Barnes } Noble"},
        {"family": "Doe", "given": "Jane"},
    ]


def test_groups_and_splitting() -> None:
    assert scan.matching_brace("a{b{c}d}e", 1) == 7
    assert scan.matching_brace("{never closed", 0) is None
    assert not scan.is_one_group("{a} and {b}")
    assert scan.split("{A and B} and C and {D}", AND) == ["{A and B}", "C", "{D}"]
    # An escaped character is not a separator: \~{n} and \, stay in their word.
    assert scan.split(r"Pe\~{n}a Jos\'e", re.compile("[ ~]")) == [r"Pe\~{n}a", r"Jos\'e"]
    assert scan.split(r"Smith\,Jr, John", re.compile(",")) == [r"Smith\,Jr", " John"]


def test_quotes_are_groups_in_raw_values() -> None:
    hash_ = re.compile("#")
    assert scan.split('"a # b" # {c # d} # e', hash_, quotes=True) == [
        '"a # b" ',
        " {c # d} ",
        " e",
    ]
    # A quote inside braces does not open a quoted piece.
    assert scan.split('{say "hi} # x', hash_, quotes=True) == ['{say "hi} ', " x"]


def _reference_split(value: str) -> list[str]:
    """A character walk masks what is inside groups (and escaped characters), then a
    plain regex split of the masked text cuts the value at the same places."""
    masked, depth, i = [], 0, 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            masked += "xx"[: len(value) - i]
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            masked.append("x")
            i += 1
            continue
        masked.append("x" if depth or char in "{}" else char)
        i += 1
    pieces, start = [], 0
    for match in AND.finditer("".join(masked)):
        pieces.append(value[start : match.start()])
        start = match.end()
    pieces.append(value[start:])
    return [p.strip() for p in pieces if p.strip()]


name_text = st.lists(
    st.sampled_from(["A", "b", "{", "}", "\\", " and ", " ", "{\\}}", "\\{", ","]),
    max_size=12,
).map("".join)


@given(name_text)
def test_name_splitting_agrees_with_a_character_walk(value: str) -> None:
    assert split_names(value) == _reference_split(value)
