"""Cluster edges that citations from manuscripts reach: prefixes before number ranges, and
cites that print nothing. The expected outputs are citeproc-js 2.4.63's."""

from __future__ import annotations

from typing import Any

import pytest

from sarcref.rendering import CiteItem, Processor, load_style
from sarcref.style_catalogue import resolve

NUMBERED: list[dict[str, Any]] = [
    {"id": f"i{n}", "type": "book", "title": f"T{n}", "author": [{"family": f"A{n}"}]}
    for n in range(1, 5)
]


@pytest.mark.parametrize(
    ("cites", "expected"),
    [
        ([CiteItem("i1", prefix="see "), CiteItem("i2"), CiteItem("i3")], "(see 1–3)"),
        ([CiteItem("i1"), CiteItem("i2", prefix="see "), CiteItem("i3")], "(1,see 2,3)"),
        ([CiteItem("i1", suffix=" passim"), CiteItem("i2"), CiteItem("i3")], "(1 passim,2,3)"),
        ([CiteItem(f"i{n}") for n in (1, 2, 3)] + [CiteItem("i4", prefix="also ")],
         "(1–3,also 4)"),
    ],
)  # fmt: skip
def test_a_number_range_may_start_after_a_prefix(cites: list[CiteItem], expected: str) -> None:
    processor = Processor(load_style(resolve("vancouver").path), NUMBERED)
    assert processor.citation([], cites) == expected


TITLE_ONLY = b"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="(" suffix=")" delimiter="; "><text variable="title"/></layout>
  </citation>
</style>"""
UNTITLED: list[dict[str, Any]] = [
    {"id": "a", "type": "book", "title": "A"},
    {"id": "b", "type": "book"},
    {"id": "c", "type": "book", "title": "C"},
]
PLACEHOLDER = "[CSL STYLE ERROR: reference with no printed form.]"


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ("abc", "(A; C)"),
        ("ba", f"({PLACEHOLDER}; A)"),
        ("ab", "(A)"),
        ("b", f"({PLACEHOLDER})"),
        ("abbc", "(A; C)"),
    ],
)
def test_only_a_first_cite_that_prints_nothing_gets_the_placeholder(
    ids: str, expected: str
) -> None:
    processor = Processor(load_style(TITLE_ONLY), UNTITLED)
    assert processor.citation([], [CiteItem(i) for i in ids]) == expected


def test_an_empty_suppress_author_cite_keeps_the_parentheses() -> None:
    """citeproc-js writes "; ch. 48)" and "(Barry" here; sarcref keeps the cluster whole."""
    items: list[dict[str, Any]] = [
        {"id": "barry", "type": "book", "title": "B", "author": [{"family": "Barry"}]},
        {"id": "tan", "type": "book", "title": "T", "author": [{"family": "Tan"}]},
    ]
    processor = Processor(load_style(resolve("modern-language-association").path), items)
    assert (
        processor.citation([], [CiteItem("barry"), CiteItem("tan", suppress_author=True)])
        == "(Barry)"
    )
    assert processor.citation(
        [], [CiteItem("barry", suppress_author=True),
             CiteItem("tan", suppress_author=True, locator="48", label="chapter")],
    ) == "(ch. 48)"  # fmt: skip
