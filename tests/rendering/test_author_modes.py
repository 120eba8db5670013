"""citeproc-js's suppress-author and author-only cites (pandoc's ``[-@doe]`` and ``@doe``).

The expected outputs are citeproc-js 2.4.63's for the same items and citations.
"""

from __future__ import annotations

from typing import Any

import pytest

from sarcref.rendering import CiteItem, Processor, load_style
from sarcref.rendering.positions import CitationInput, assign_positions
from sarcref.style_catalogue import resolve

ITEMS: list[dict[str, Any]] = [
    {
        "id": "doe2020", "type": "book", "title": "A book about things",
        "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]},
        "publisher": "Pub",
    },
    {
        "id": "roe2019", "type": "article-journal", "title": "An article",
        "container-title": "Journal of Stuff", "volume": "3", "page": "1-10",
        "author": [{"family": "Roe", "given": "Rick"}, {"family": "Poe", "given": "Pat"}],
        "issued": {"date-parts": [[2019]]},
    },
    {
        "id": "anon2018", "type": "webpage", "title": "An anonymous page",
        "issued": {"date-parts": [[2018]]}, "URL": "https://example.org",
    },
]  # fmt: skip

# One document of citations, each in its own note for the note style.
CITATIONS = [
    [CiteItem("doe2020", suppress_author=True)],
    [CiteItem("roe2019", author_only=True)],
    [CiteItem("anon2018", suppress_author=True)],  # the title stands in for the author
    [CiteItem("anon2018", author_only=True)],
    [CiteItem("roe2019", author_only=True)],  # (a subsequent cite, in a note style)
    [CiteItem("roe2019", suppress_author=True), CiteItem("doe2020")],
]
EXPECTED = {
    "apa": [
        "(2020)", "Roe &#38; Poe", "(2018)", "An Anonymous Page", "Roe &#38; Poe",
        "(Doe, 2020; 2019)",
    ],
    "modern-language-association": [
        "[NO_PRINTED_FORM]", "Roe and Poe", "[NO_PRINTED_FORM]", "An Anonymous Page",
        "Roe and Poe",
        # citeproc-js asks the cluster's last cite whether to print its placeholder:
        "([CSL STYLE ERROR: reference with no printed form.]; Doe)",
    ],
    "chicago-notes-bibliography": [
        "<i>A Book about Things</i> (Pub, 2020).", "Rick Roe and Pat Poe",
        "“An Anonymous Page,” 2018, https://example.org.", "An Anonymous Page", "Roe and Poe",
        "“An Article”; Doe, <i>A Book about Things</i>.",
    ],
    # A numeric style's cites print no names: author-only has nothing to print.
    "vancouver": ["(1)", "[NO_PRINTED_FORM]", "(3)", "[NO_PRINTED_FORM]", "[NO_PRINTED_FORM]",
                  "(1,2)"],
}  # fmt: skip


@pytest.mark.parametrize("style_id", sorted(EXPECTED))
def test_cite_modes_as_citeproc_js(style_id: str) -> None:
    resolved = resolve(style_id)
    style = load_style(resolved.path, default_locale_override=resolved.default_locale)
    processor = Processor(style, ITEMS, fmt="html")
    note = processor.root.class_ == "note"
    document = [
        CitationInput([CiteItem(c.id, suppress_author=c.suppress_author,
                                author_only=c.author_only) for c in cites],
                      index + 1 if note else 0)
        for index, cites in enumerate(CITATIONS)
    ]  # fmt: skip
    for citation in document:
        citation.sorted_cites = processor.sort_cites(citation.cites)
    assign_positions(document)
    rendered = [processor.citation([], c.sorted_cites) for c in document]
    assert rendered == EXPECTED[style_id]


def test_a_title_standing_in_for_the_author_is_suppressed_after_a_prefix() -> None:
    processor = Processor(load_style(resolve("apa").path), ITEMS)
    cite = CiteItem("anon2018", prefix="see ", suppress_author=True)
    assert processor.citation([], [cite]) == "(see 2018)"
