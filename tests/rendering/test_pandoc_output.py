"""The engine's HTML read back as pandoc inline elements."""

from __future__ import annotations

from sarcref.rendering.pandoc_output import PandocHtmlFormat, html_to_inlines, link_urls


def S(text: str) -> dict[str, object]:  # noqa: N802
    return {"t": "Str", "c": text}


SP = {"t": "Space"}


def test_formatting_becomes_elements() -> None:
    html = (
        "<i>A</i> <b>b</b> x<sup>2</sup>H<sub>2</sub>O "
        '<span style="font-variant:small-caps;">Sc</span> '
        '<span style="text-decoration:underline;">u</span>'
    )
    assert html_to_inlines(html) == [
        {"t": "Emph", "c": [S("A")]}, SP, {"t": "Strong", "c": [S("b")]}, SP, S("x"),
        {"t": "Superscript", "c": [S("2")]}, S("H"), {"t": "Subscript", "c": [S("2")]}, S("O"),
        SP, {"t": "SmallCaps", "c": [S("Sc")]}, SP, {"t": "Underline", "c": [S("u")]},
    ]  # fmt: skip


def test_roman_inside_italics_is_a_classed_span() -> None:
    html = '<i>Title with <span style="font-style:normal;">Roman</span> word</i>'
    assert html_to_inlines(html) == [
        {"t": "Emph", "c": [
            S("Title"), SP, S("with"), SP,
            {"t": "Span", "c": [["", ["csl-no-emph"], []], [S("Roman")]]}, SP, S("word"),
        ]},
    ]  # fmt: skip


def test_text_is_unescaped_and_split_at_spaces_only() -> None:
    assert html_to_inlines("Roe &#38; Poe,\u00a0p.\u00a03 &#60;x&#62;") == [
        S("Roe"), SP, S("&"), SP, S("Poe,\u00a0p.\u00a03"), SP, S("<x>"),
    ]  # fmt: skip


def test_display_blocks_become_spans_without_their_line_breaks() -> None:
    html = (
        '\n    <div class="csl-left-margin">1. </div>'
        '<div class="csl-right-inline">Doe J. <i>Book</i>.</div>\n  '
    )
    assert html_to_inlines(html) == [
        {"t": "Span", "c": [["", ["csl-left-margin"], []], [S("1."), SP]]},
        {"t": "Span", "c": [["", ["csl-right-inline"], []],
                            [S("Doe"), SP, S("J."), SP, {"t": "Emph", "c": [S("Book")]}, S(".")]]},
    ]  # fmt: skip


def test_linked_cites() -> None:
    fmt = PandocHtmlFormat(link_cites=True)
    assert fmt.decorate(("@link", "a&b"), "Doe, 2020", ("“", "”", "‘", "’")) == (
        '<a href="#ref-a&#38;b">Doe, 2020</a>'
    )
    assert html_to_inlines('(<a href="#ref-doe">Doe, 2020</a>)') == [
        S("("), {"t": "Link", "c": [["", [], []], [S("Doe,"), SP, S("2020")], ["#ref-doe", ""]]},
        S(")"),
    ]  # fmt: skip


def test_urls_and_dois_become_links() -> None:
    inlines = html_to_inlines("Pub. https://doi.org/10.1/x. See doi:10.1000/abc, <i>www</i>")
    assert link_urls(inlines) == [
        S("Pub."), SP,
        {"t": "Link", "c": [["", [], []], [S("https://doi.org/10.1/x")],
                            ["https://doi.org/10.1/x", ""]]},
        S("."), SP, S("See"), SP,
        {"t": "Link", "c": [["", [], []], [S("doi:10.1000/abc")],
                            ["https://doi.org/10.1000/abc", ""]]},
        S(","), SP, {"t": "Emph", "c": [S("www")]},
    ]  # fmt: skip
