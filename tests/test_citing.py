"""``sarcref.citing.cite``: the bundled record in 33 styles, exactly as citeproc-js prints it.

These are the golden matrices of ``sarcref cite`` (bibliography and citation, text and
html, and with an explicit locale) run through the Python API: the command only adds
reading the record from the library, which tests/cli/test_cite.py covers.
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


# One test a style, so that its cases run together on one compile (load_style keeps a
# few compiled styles, not all 33).
@pytest.mark.parametrize("style", sorted(GOLDEN))
def test_the_bundled_record_equals_citeproc_js(style: str) -> None:
    bibliography = cite([RECORD], style)
    assert same_text(bibliography) == same_text(golden(style, "bib_text"))
    citation = cite([RECORD], style, mode="citation")
    assert same_text(citation) == same_text(golden(style, "cite_text"))
    form = GOLDEN[style]["bibliography_format"]
    expected = form["bibstart"] + golden(style, "bib_html") + form["bibend"]
    assert same_html(cite([RECORD], style, fmt="html")) == same_html(expected)
    citation = cite([RECORD], style, fmt="html", mode="citation")
    assert same_html(citation) == same_html(golden(style, "cite_html"))
    for locale in LOCALES:  # an explicit locale equals citeproc-js forcing it
        bibliography = cite([RECORD], style, locale=locale)
        citation = cite([RECORD], style, locale=locale, mode="citation")
        assert same_text(bibliography) == same_text(golden(style, "bib_text", locale))
        assert same_text(citation) == same_text(golden(style, "cite_text", locale))
