"""pandoc Markdown: the keys pandoc reads as citations, where and in which order."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.manuscripts import read_cited
from sarcref.manuscripts.markdown import citations

from .pandoc_support import CORPUS, require_pandoc


def keys(text: str) -> list[str]:
    return list(dict.fromkeys(key for key, _ in citations(text)))


# (document, the keys pandoc reads in it, in pandoc's order)
CASES = [
    ("Normal [@a], several [@b; @c, p. 3], suppressed [-@d], in text @e says.", "a b c d e"),
    ("Trailing punctuation: @f. @g, @h; @i: @j? @k! and (@l).", "f g h i j k l"),
    (
        "Internal punctuation: @a.b.c. @x:y/z @p-q+r @q--r @s..t @u#v$w%x&y~z",
        "a.b.c x:y/z p-q+r q s u#v$w%x&y~z",
    ),
    ("Braced keys: @{a b} (spaces: none) @{c.d.} @{e{f}g} and @{}", "c.d. e{f}g"),
    ("Not after a letter, digit or period: a@b.org 1@c x.@d, but x-@e x_@f (@g).", "e f g"),
    ("Escaped \\@a, in code `@b` and ``@c ` @d``, in math $x@e$ $$@f$$, not $ @g $.", "g"),
    ('<https://x.org/@a> <mailto:b@c.org> [t @d](https://x.org/@e "@f") ![i @g](p.png)', "d g"),
    ('<!-- @a --> <span title="@b">@c</span> [@d]{title="@e"} `x`{title="@f"}', "c d"),
    ("Keys right after keys: @a@b and [@c]@d.", "a b c d"),
    ("A cluster before what its affixes cite: [see @a and @b; also @c] then @d.", "a c b d"),
    ("No cluster when a part cites nothing: [@a and @b; see above] @c.", "a b c"),
    ("text[^1] and @z\n\n[^1]: The note cites @y where it is referenced.", "y z"),
    ("^[An inline note @n1] then @n2.", "n1 n2"),
    ("(@ex) An example.\n\nAs (@ex) shows, but (@other) is a citation.", "other"),
    ("```\n@a\n```\n\n~~~ {.python}\n@b\n~~~\n\n    @c indented\n\npara @d", "d"),
    ("- item @l1\n\n    continued @l2\n\n        code @c3\n\n1. @n1", "l1 l2 n1"),
    ("> quoted @q\n>\n>     code in quote @c", "q"),
    ("\\begin{verbatim}\n@a\n\\end{verbatim}\n\n<pre>\n@b\n</pre>\n\n<div>\n@c\n</div>", "c"),
    ('[ref]: https://x.org/@a "@b"\n\nSee [ref] and @c.', "c"),
    ('# Heading @h {#id title="@x"}\n\nSetext @s\n---------', "h s"),
    ("---\ntitle: On @t\nauthor: a@b.org\nnocite: '@n1 @n2'\n---\n\nBody @b @n1.", "b n1 n2"),
    ("---\nnocite: |\n  @n1, @n2\n  @n3\n---\n\nBody @b.", "b n1 n2 n3"),
    ("---\nnocite:\n  - '@n1'\n  - \"@n2\"\n---\n\nBody.", "n1 n2"),
    (
        "---\nnocite: '@*'\n---\n\nThe whole library, after @b; but @* in the body is nothing.",
        "b *",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_keys_as_pandoc_reads_them(text: str, expected: str) -> None:
    assert keys(text) == expected.split()


def test_the_built_in_reader_agrees_with_pandoc_on_every_case(tmp_path: Path) -> None:
    require_pandoc()
    for index, (text, _) in enumerate(CASES):
        document = tmp_path / f"case{index}.md"
        document.write_text(text, encoding="utf-8")
        built_in = [c.key for c in read_cited([document]).keys]
        assert [c.key for c in read_cited([document], via_pandoc=True).keys] == built_in, text


CORPUS_KEYS = {
    "paper.md": "lerman2015local doe2020 roe2019 footnote2017 smith:2001 jones.2010 green_2015 "
    "brown2012 white.2018. Foo_bar.baz black grey2003 inline2020 after2021 nocited2001",
    "chapter.qmd": "quarto2022 hadley2014 knuth1984 listed2000",
    "analysis.Rmd": "xie2015 wickham2019 wickham2016",
}


@pytest.mark.parametrize("name", sorted(CORPUS_KEYS))
def test_corpus_documents_cite_what_pandoc_cites(name: str) -> None:
    require_pandoc()
    path = CORPUS / name
    built_in = [c.key for c in read_cited([path]).keys]
    assert built_in == CORPUS_KEYS[name].split()
    assert [c.key for c in read_cited([path], via_pandoc=True).keys] == built_in


def test_a_bare_url_is_not_a_citation_unlike_pandoc() -> None:
    require_pandoc()
    path = CORPUS / "bare-url.md"
    assert [c.key for c in read_cited([path]).keys] == ["doe2020"]
    assert [c.key for c in read_cited([path], via_pandoc=True).keys] == ["sarcref", "doe2020"]


def test_quarto_cross_references_are_not_citations_in_qmd_files(tmp_path: Path) -> None:
    text = "See @fig-plot, @tbl-rates and @sec-intro, citing @fig2020 and @doe.\n"
    (tmp_path / "a.qmd").write_text(text)
    (tmp_path / "a.md").write_text(text)
    assert [c.key for c in read_cited([tmp_path / "a.qmd"]).keys] == ["fig2020", "doe"]
    assert [c.key for c in read_cited([tmp_path / "a.md"]).keys][:3] == [
        "fig-plot",
        "tbl-rates",
        "sec-intro",
    ]


def test_each_key_once_with_where_it_is_first_cited(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_text("---\nnocite: '@n'\n---\n\nFirst @a,\n  then [@b; @a] and \t@{c.d}.\n")
    found = read_cited([path]).keys
    assert [(c.key, c.line, c.column) for c in found] == [
        ("a", 5, 8),
        ("b", 6, 10),
        ("c.d", 6, 24),
        ("n", 2, 11),
    ]
    assert found[0].where == f"{path}:5:8"
    assert read_cited([path]).files == [path]


def test_windows_line_endings_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_bytes("\ufeffOne @a\r\n\r\n    code @b\r\n\r\nTwo @c\r\n".encode())
    assert [(c.key, c.line) for c in read_cited([path]).keys] == [("a", 1), ("c", 5)]
