"""Markdown and RTF output (sarcref's own formats; text and html follow citeproc-js)."""

from __future__ import annotations

from typing import Any

from sarcref.rendering import Processor

from .styles import make_style

STYLE = make_style(
    '<layout><text variable="title"/></layout>',
    '<layout><group delimiter=". "><text variable="title" font-style="italic"/>'
    '<text variable="publisher" font-weight="bold"/><text variable="note" '
    'vertical-align="sup"/></group></layout>',
)
ITEM: dict[str, Any] = {
    "id": "r",
    "type": "book",
    "title": "Ærø *stars*",
    "publisher": "Ünï Press",
    "note": "2",
}


def test_markdown_marks_italic_and_bold_and_escapes_specials() -> None:
    entries = Processor(STYLE, [ITEM], fmt="markdown").bibliography().entries
    assert entries == ["*Ærø \\*stars\\**. **Ünï Press**. ^2^"]


def test_rtf_document_is_valid_rtf_with_one_paragraph_per_entry() -> None:
    items = [ITEM, {**ITEM, "id": "s"}]
    document = Processor(STYLE, items, fmt="rtf").bibliography().document
    assert document.startswith("{\\rtf1\\ansi")
    assert document.endswith("}")
    assert document.count("\\par}") == 2
    assert document.count("{") == document.count("}")


def test_rtf_writes_non_ascii_as_unicode_escapes_and_formatting_as_groups() -> None:
    entries = Processor(STYLE, [ITEM], fmt="rtf").bibliography().entries
    assert entries == ["{\\i \\u198?r\\u248? *stars*}. {\\b \\u220?n\\u239? Press}. {\\super 2}"]


def test_rtf_escapes_braces_and_backslashes() -> None:
    style = make_style('<layout><text value="a{b}\\c"/></layout>')
    item = {"id": "x", "type": "book"}
    assert Processor(style, [item], fmt="rtf").citation(["x"]) == "a\\{b\\}\\\\c"
