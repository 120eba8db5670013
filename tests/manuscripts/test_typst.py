"""Typst: references and cite calls, not raw text, comments, strings or labels of the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.manuscripts import read_cited

from .pandoc_support import CORPUS


def test_the_corpus_document() -> None:
    found = read_cited([CORPUS / "notes.typ"]).keys
    assert [c.key for c in found] == (
        "lerman2015local doe2020 smith:2001 old2010 old2011 supplement2012 caption2013 "
        "incode2014 codecite2015 last2016"
    ).split()
    assert (found[1].line, found[1].column) == (6, 39)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@a and @b.c. and @d: and @e-f", "a b.c d e-f"),
        ('#cite(<a>) #cite(label("b")) #cite(<c>, form: "prose") #ref(<d>)', "a b c d"),
        ("= Title <sec>\nSee @sec and @other.", "other"),
        ("`@a` ```\n@b\n``` // @c\n/* @d */ \\@e @f", "f"),
        ("x@y.org https://z.org/@u and @v", "v"),
        ('#let s = "@a"\n#text(fill: red)[@b] #strong[@c]', "b c"),
    ],
)
def test_typst_syntax(text: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "doc.typ"
    path.write_text(text)
    assert [c.key for c in read_cited([path]).keys] == expected.split()
