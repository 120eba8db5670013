"""``sarcref.citing.cite``: the bundled record in 33 styles, exactly as citeproc-js prints it.

These are the golden matrices of ``sarcref cite`` run through the Python API (the command
only adds reading the record from the library, which tests/cli/test_cite.py covers). A
style is compiled once for the whole run (``load_style`` keeps compiled styles).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from sarcref.citing import cite

FIXTURES = Path(__file__).parent / "fixtures" / "bundled"
GOLDEN: dict[str, Any] = json.loads((FIXTURES / "golden.json").read_text("utf-8"))["styles"]
RECORD: dict[str, Any] = json.loads((FIXTURES / "corpus.json").read_text("utf-8"))[0]
KEY = RECORD["id"]
LOCALES = ("de-DE", "fr-FR")
LOCALE_GOLDEN = {
    locale: json.loads((FIXTURES / f"golden-{locale}.json").read_text("utf-8"))["styles"]
    for locale in LOCALES
}


def same_text(text: str) -> str:
    """The fidelity README's one text normalisation: runs of spaces, tabs, newlines."""
    return re.sub(r"[ \t\n]+", " ", text).strip()


def same_html(markup: str) -> str:
    """The README's html normalisations: no whitespace between tags, references decoded."""
    return html.unescape(re.sub(r">\s+<", "><", markup.strip()))


def golden(style: str, part: str, locale: str | None = None) -> str:
    styles = GOLDEN if locale is None else LOCALE_GOLDEN[locale]
    value = styles[style]["records"][KEY][part]
    assert isinstance(value, str)
    return value


@pytest.mark.parametrize("style", sorted(GOLDEN))
def test_bibliography_text_equals_citeproc_js(style: str) -> None:
    assert same_text(cite([RECORD], style)) == same_text(golden(style, "bib_text"))


@pytest.mark.parametrize("style", sorted(GOLDEN))
def test_citation_text_equals_citeproc_js(style: str) -> None:
    text = cite([RECORD], style, mode="citation")
    assert same_text(text) == same_text(golden(style, "cite_text"))


@pytest.mark.parametrize("style", sorted(GOLDEN))
def test_html_equals_citeproc_js(style: str) -> None:
    form = GOLDEN[style]["bibliography_format"]
    expected = form["bibstart"] + golden(style, "bib_html") + form["bibend"]
    assert same_html(cite([RECORD], style, fmt="html")) == same_html(expected)
    citation = cite([RECORD], style, fmt="html", mode="citation")
    assert same_html(citation) == same_html(golden(style, "cite_html"))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("style", sorted(GOLDEN))
def test_an_explicit_locale_equals_citeproc_js_forcing_it(style: str, locale: str) -> None:
    bibliography = cite([RECORD], style, locale=locale)
    citation = cite([RECORD], style, locale=locale, mode="citation")
    assert same_text(bibliography) == same_text(golden(style, "bib_text", locale))
    assert same_text(citation) == same_text(golden(style, "cite_text", locale))
