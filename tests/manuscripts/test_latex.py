"""LaTeX: cite commands of natbib and biblatex, with the files a document includes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.errors import DataError
from sarcref.manuscripts import read_cited
from sarcref.manuscripts.latex import mask

from .pandoc_support import CORPUS, require_pandoc

THESIS = CORPUS / "thesis"


def keys_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "doc.tex"
    path.write_text(text, encoding="utf-8")
    return [c.key for c in read_cited([path]).keys]


def test_the_thesis_cites_in_document_order_through_its_includes() -> None:
    reading = read_cited([THESIS / "main.tex"])
    assert [c.key for c in reading.keys] == (
        "lerman2015local doe2020 roe2019 percent2011 capital2012 starred2013 multi2014 "
        "multi2015 multi2016 linebreak2017 intro2001 loop2002 methods2003 full2004 "
        "appendix2005 volume2018 nocite2019"
    ).split()
    assert [p.relative_to(THESIS).as_posix() for p in reading.files] == [
        "main.tex",
        "chapters/intro.tex",
        "chapters/loop.tex",
        "chapters/methods.tex",
        "chapters/appendix.tex",
    ]
    missing = r"cannot find the file of \input{chapters/missing}"
    assert reading.warnings == [f"{THESIS / 'main.tex'}:17: {missing}"]


def test_keys_know_their_file_line_and_column() -> None:
    by_key = {c.key: c for c in read_cited([THESIS / "main.tex"]).keys}
    assert (by_key["roe2019"].line, by_key["roe2019"].column) == (7, 74)
    assert by_key["methods2003"].file == THESIS / "chapters" / "methods.tex"
    assert (by_key["linebreak2017"].line, by_key["linebreak2017"].column) == (13, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\cite{a} \Cite{b} \citep*{c} \Citet[p.~2]{d} \citealp[see][]{e}", "a b c d e"),
        (
            r"\parencite{a}\textcite{b}\Textcite{c}\footcite{d}\smartcite{e}\supercite{f}",
            "a b c d e f",
        ),
        (
            r"\autocite*{a} \Autocite{b} \citeauthor{c} \Citeauthor*{d} \citeyear{e} \fullcite{f}",
            "a b c d e f",
        ),
        (r"\cites(pre)(post)[p][s]{a}[q]{b, c} \parencites{d}{e} \Textcites[x]{f}", "a b c d e f"),
        (r"\cite{ a ,b,, c } \nocite{d} \nocite{*}", "a b c d *"),
        (r"\cite{\macro} \cite{#1} \cite{a b} \cite{ok}", "ok"),
        ("% \\cite{a}\n50\\% \\cite{b} 100\\\\% \\cite{c}", "b"),
        (r"\verb|\cite{a}| \verb+\cite{b}+ \cite{c} \lstinline|\cite{d}|", "c"),
        ("\\begin{comment}\n\\cite{a}\n\\end{comment}\\cite{b}", "b"),
        ("\\iffalse \\cite{a} \\ifx\\x\\y \\cite{b} \\fi \\cite{c} \\fi \\cite{d}", "d"),
        ("\\cite\n  [p.~1]\n  {a}\n\n\\cite[x]\n\n{b}", "a"),
        (r"\DeclareCiteCommand{\mycite}{}{}{}{} \citestyle{x} \citetext{a}", ""),
    ],
)
def test_cite_commands(text: str, expected: str, tmp_path: Path) -> None:
    assert keys_of(text, tmp_path) == expected.split()


def test_includes_resolve_like_latex(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "part.tex").write_text(r"\cite{fromsub} \input{sub/deeper}")
    (tmp_path / "sub" / "deeper.tex").write_text(r"\cite{deeper}")
    (tmp_path / "sub" / "own.tex").write_text(r"\cite{own}")
    (tmp_path / "sub" / "sibling.tex").write_text(r"\subfile{own}")
    (tmp_path / "plain").write_text(r"\cite{noextension}")
    (tmp_path / "main.tex").write_text(
        "\\input{sub/part}\\input sub/sibling \\include{sub/part}\\input{plain}\\cite{last}"
    )
    reading = read_cited([tmp_path / "main.tex"])
    assert [c.key for c in reading.keys] == ["fromsub", "deeper", "own", "noextension", "last"]
    assert reading.warnings == []


def test_an_unreadable_manuscript_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"cannot read .*missing\.tex: no such file"):
        read_cited([tmp_path / "missing.tex"])


def test_masking_keeps_offsets() -> None:
    text = "a % comment\n\\verb|x| b"
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked == "a          \n         b"


def test_pandoc_reads_a_plain_document_the_same(tmp_path: Path) -> None:
    require_pandoc()
    path = tmp_path / "plain.tex"
    path.write_text(
        "\\documentclass{article}\\begin{document}\n"
        "\\cite{a} and \\citep[p.~3]{b,c}. \\textcite{d} % \\cite{x}\n\\end{document}\n"
    )
    assert [c.key for c in read_cited([path], via_pandoc=True).keys] == ["a", "b", "c", "d"]
    assert [c.key for c in read_cited([path]).keys] == ["a", "b", "c", "d"]
