"""LaTeX in BibTeX values <-> Unicode."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sarcref.formats.bibtex import latex
from sarcref.formats.bibtex.latex import decode, encode


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (r"G{\"o}del", "Gödel"),
        (r"{\L}ukasiewicz", "Łukasiewicz"),
        (r"{\TeX}book", "TeXbook"),
        (r"M{\"o}ssenb{\"o}ck", "Mössenböck"),
        (r"\c{c}a \v{s} \o{} \ss{} \aa{} \'{\i}", "ça š ø ß å í"),
        (r"A \& B, 50\%, a\_b, \#1, \$5", "A & B, 50%, a_b, #1, $5"),
        ("1990--2000, a---b, ``quoted''", "1990–2000, a—b, “quoted”"),
        ("Lerman~et al.", "Lerman\u00a0et al."),
        (r"$\alpha$-helix", "α-helix"),
        (r"\textbackslash{} \{x\}", "\\ {x}"),
        ("50% of & more", "50% of & more"),  # bare % and & are text in a BibTeX value
    ],
)
def test_latex_becomes_unicode(value: str, text: str) -> None:
    assert decode(value) == text


def test_unknown_commands_are_kept_as_written() -> None:
    assert decode(r"the \foo{bar} and \baz x") == r"the \foo{bar} and \baz x"
    assert decode(r"\textit{the \foo{bar}}") == r"the \foo{bar}"


def test_titles_keep_case_protection_and_emphasis_as_csl_markup() -> None:
    assert decode(r"The {DNA} of \emph{Homo sapiens}", rich=True) == (
        'The <span class="nocase">DNA</span> of <i>Homo sapiens</i>'
    )
    assert decode("{{Whole Title}}", rich=True) == '<span class="nocase">Whole Title</span>'
    # Braces around a special character or a command are not case protection.
    assert decode(r"{\"O}sterreich and {\TeX}", rich=True) == "Österreich and TeX"
    assert decode(r"H\textsubscript{2}O", rich=True) == "H<sub>2</sub>O"


def test_encode_escapes_what_bibtex_needs() -> None:
    assert encode("A & B 50% #1 a_b $5") == r"A \& B 50\% \#1 a\_b \$5"
    assert encode("Gödel – x") == "Gödel – x"
    assert encode("Gödel – x", ascii_only=True) == r"G{\"{o}}del \textendash{} x"
    assert encode('<span class="nocase">DNA</span> <i>in vivo</i>', rich=True) == (
        r"{DNA} \textit{in vivo}"
    )


def test_encode_keeps_ligature_pairs_apart() -> None:
    assert encode("a--b ``q''") == "a-{}-b `{}`q'{}'"
    assert decode("a-{}-b `{}`q'{}'") == "a--b ``q''"


def test_the_fast_path_agrees_with_pylatexenc() -> None:
    samples = [r"G{\"o}del", r"\'{e}t\'e", r"{\ss}", r"\v{s}", r"\c c", "x--y", r"\&", r"\'{\i}"]
    for sample in samples:
        assert latex._decode_plain(sample) == latex._slow_decode(sample, rich=False), sample


text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=int(os.environ.get("SARCREF_EXAMPLES", "300")), deadline=None)
@given(text)
def test_decode_reads_back_what_encode_writes(value: str) -> None:
    assert decode(encode(value)) == value
    assert decode(encode(value, ascii_only=True)) == value


markup = st.lists(
    st.one_of(
        text.filter(lambda t: "<" not in t),
        text.filter(lambda t: "<" not in t and t).map(lambda t: f'<span class="nocase">{t}</span>'),
        text.filter(lambda t: "<" not in t and t).map(lambda t: f"<i>{t}</i>"),
    ),
    max_size=4,
).map("".join)


@settings(max_examples=int(os.environ.get("SARCREF_EXAMPLES", "200")), deadline=None)
@given(markup)
def test_titles_read_back_with_their_markup(value: str) -> None:
    assert decode(encode(value, rich=True), rich=True) == value
