"""``sarcref-pandoc`` on real documents through real pandoc.

The filter's citations are compared with what sarcref's engine renders for the same
citations (``citing.cite``, and the Processor where a cite has a locator or a position),
and, for a few cases, with ``pandoc --citeproc`` on the same records.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sarcref import Library
from sarcref.citing import cite
from sarcref.errors import DataError, UsageError
from sarcref.formats.exporters import export
from sarcref.pandoc_filter import check_api_version, filter_document
from sarcref.rendering import CiteItem, Processor, load_style
from sarcref.rendering.positions import CitationInput, assign_positions
from sarcref.style_catalogue import resolve
from tests.manuscripts.pandoc_support import require_pandoc

from .support import (
    RECORDS,
    cite_markdown,
    filter_script,
    make_library,
    pandoc,
    read_markdown,
)


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with make_library(library_path) as opened:
        yield opened


def records(*keys: str) -> list[dict[str, object]]:
    by_id = {r["id"]: r for r in RECORDS}
    return [by_id[k] for k in keys]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


DOCUMENT = """\
One [@doe2020].

Two [@roe2019; @doe2020].

Three [@smith2001, p. 33].

Four [see @roe2019, chap. 2; @doe2020].

@roe2019 [p. 5] says.

Five [-@doe2020].
"""
# The same citations for the engine (registered in first-citation order).
CLUSTERS = [
    [CiteItem("doe2020")],
    [CiteItem("roe2019"), CiteItem("doe2020")],
    [CiteItem("smith2001", locator="33", label="page")],
    [CiteItem("roe2019", locator="2", label="chapter", prefix="see "), CiteItem("doe2020")],
    [CiteItem("roe2019", locator="5", label="page", suppress_author=True)],
    [CiteItem("doe2020", suppress_author=True)],
]
CITED = ["doe2020", "roe2019", "smith2001"]


def engine_citations(style_id: str) -> tuple[list[str], str]:
    """The clusters and the narrative's author as the engine renders them, in text."""
    resolved = resolve(style_id)
    style = load_style(resolved.path, default_locale_override=resolved.default_locale)
    processor = Processor(style, records(*CITED))
    note = processor.root.class_ == "note"
    document = [CitationInput(list(c), n + 1 if note else 0) for n, c in enumerate(CLUSTERS)]
    for citation in document:
        citation.sorted_cites = processor.sort_cites(citation.cites)
    assign_positions(document)
    texts = [processor.citation([], c.sorted_cites) for c in document]
    # The narrative's author: author-only at the narrative cite's position (a note style
    # shortens the names of a subsequent cite, as citeproc-js's composite citations).
    position = document[4].sorted_cites[0].position
    author = processor.citation([], [CiteItem("roe2019", author_only=True, position=position)])
    return texts, author


@pytest.mark.parametrize("style_id", ["apa", "vancouver"])
def test_in_text_styles_print_what_the_engine_prints(style_id: str, library: Library) -> None:
    text, warnings = cite_markdown(DOCUMENT, library, "-M", f"csl={style_id}")
    assert warnings == []
    body = paragraphs(text)
    clusters, author = engine_citations(style_id)
    narrative = f"{author} {clusters[4]}" if author != "[NO_PRINTED_FORM]" else clusters[4]
    assert body[:6] == [
        f"One {clusters[0]}.",
        f"Two {clusters[1]}.",
        f"Three {clusters[2]}.",
        f"Four {clusters[3]}.",
        f"{narrative} says.",
        f"Five {clusters[5]}.",
    ]
    # citing.cite, the engine behind `sarcref cite`, agrees on plain clusters and entries:
    if style_id == "apa":
        assert clusters[1] == cite(records("roe2019", "doe2020"), "apa", mode="citation")
    bibliography = cite(records(*CITED), style_id).splitlines()
    assert body[6:] == bibliography


def test_apa_as_written() -> None:
    clusters, author = engine_citations("apa")
    assert clusters == [
        "(Doe, 2020)",
        "(Doe, 2020; Roe & Poe, 2019)",
        "(Smith, 2001, p. 33)",
        "(Doe, 2020; see Roe & Poe, 2019, Chapter 2)",
        "(2019, p. 5)",
        "(2020)",
    ]
    assert author == "Roe & Poe"


def test_a_note_style_puts_citations_in_footnotes(library: Library) -> None:
    text, _ = cite_markdown(DOCUMENT, library, "-M", "csl=chicago-notes-bibliography")
    clusters, author = engine_citations("chicago-notes-bibliography")
    # The note follows the punctuation; the narrative author stays in the text.
    assert paragraphs(text)[:6] == [
        "One.[1]",
        "Two.[2]",
        "Three.[3]",
        "Four.[4]",
        f"{author}[5] says.",
        "Five.[6]",
    ]
    notes = dict(re.findall(r"^\[(\d)\] (.*)$", text, re.M))
    expected = list(clusters)
    expected[3] = "S" + expected[3][1:]  # (pandoc capitalises the notes it makes: "See")
    assert [notes[str(n)] for n in range(1, 7)] == expected
    entries = cite(records(*CITED), "chicago-notes-bibliography").splitlines()
    assert paragraphs(text)[6:9] == entries


def test_chicago_notes_with_positions(library: Library) -> None:
    markdown = (
        "First [@doe2020, 3]. Again [@doe2020, 4]. And [@roe2019].[^a] Back [@doe2020].\n\n"
        "[^a]: A note citing [@roe2019] and, first in its own note:\n\n"
        "[^b]\n\n[^b]: [@smith2001] opens this note.\n"
    )
    text, _ = cite_markdown(
        markdown, library, "-M", "csl=chicago-notes-bibliography-subsequent-ibid"
    )
    notes = dict(re.findall(r"^\[(\d)\] (.*)$", text, re.M))
    assert (
        notes["1"] == "Jane Doe, A Book about Things (Pub, 2020), 3, https://doi.org/10.1000/xyz."
    )
    assert notes["2"] == "Ibid., 4."
    assert notes["3"].startswith("Rick Roe and Pat Poe, “An Article on Homo Sapiens,”")
    # A citation inside a footnote stays there, in parentheses (as pandoc's --citeproc):
    assert notes["4"] == "A note citing (Ibid.) and, first in its own note:"
    assert notes["5"] == "Doe, A Book about Things."
    assert notes["6"] == (
        "Sam Smith, “A Chapter,” in The Collected Volume, ed. Eve Editor (Press, 2001). "
        "opens this note."
    )


def test_formatting_reaches_every_output_format(library: Library, tmp_path: Path) -> None:
    source = tmp_path / "paper.md"
    source.write_text("See @roe2019.\n\n# References\n", encoding="utf-8")
    out = tmp_path / "paper.docx"
    done = subprocess.run(
        [require_pandoc(), str(source), "--filter", str(filter_script(tmp_path)), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode()
    # "Journal of Stuff" and the volume in italics, "Homo sapiens" too:
    assert re.search(r"<w:i ?/>.*?Journal of Stuff", xml, re.S)
    assert re.search(r"<w:i ?/>.*?Homo sapiens", xml, re.S)
    assert "<w:hyperlink" in xml and "https://example.org/a" in xml  # (a linked URL)
    html, _ = cite_markdown("See @roe2019.", library, fmt="html")
    assert "<em>Homo sapiens</em>" in html
    assert '<a href="https://example.org/a">https://example.org/a</a>' in html


def test_same_as_pandoc_citeproc_except_the_documented_differences(
    library: Library, tmp_path: Path
) -> None:
    """Where citeproc-js (sarcref) and pandoc's citeproc differ, sarcref follows citeproc-js."""
    cited = ["doe2020", "roe2019", "smith2001"]
    bibliography = tmp_path / "refs.json"
    bibliography.write_text(export(library.get_many(cited), "csl-json"), encoding="utf-8")
    apa = str(resolve("apa").path)
    markdown = (
        "One [@doe2020]. Two [@roe2019; @doe2020, p. 3].\n\n@smith2001 [p. 22] says.\n\n"
        "Five [-@doe2020]. Six [see @roe2019, pp. 3-5].\n\n"
        "Seven [@doe2020, chap. 2].\n"  # (documented: the label of a chapter locator)
    )
    theirs = paragraphs(
        pandoc(
            ["--citeproc", "--bibliography", str(bibliography), "--csl", apa, "-t", "plain",
             "--wrap=none"],
            markdown,
        )
    )  # fmt: skip
    ours = paragraphs(cite_markdown(markdown, library, "-M", f"csl={apa}")[0])
    assert ours[:3] == theirs[:3]
    assert ours[4:] == theirs[4:]  # the bibliography
    # citeproc-js prints the label of a chapter locator in APA; pandoc's citeproc drops it.
    assert (ours[3], theirs[3]) == ("Seven (Doe, 2020, Chapter 2).", "Seven (Doe, 2020, 2).")


def test_missing_keys_warn_and_show_as_pandoc_shows_them(library: Library) -> None:
    text, warnings = cite_markdown(
        "A [@nokey]. B [@doe2020; @doe2002]. C [@nokey].", library, fmt="markdown-citations"
    )
    assert warnings == [
        "citation nokey not found",
        "citation doe2002 not found (did you mean doe2020?)",
    ]
    assert paragraphs(text)[0] == "A (**nokey?**). B (Doe, 2020) (**doe2002?**). C (**nokey?**)."


def test_nocite_and_the_whole_library(library: Library) -> None:
    text, _ = cite_markdown("---\nnocite: '@smith2001'\n---\nCited @doe2020.", library)
    assert [p.split(".")[0] for p in paragraphs(text)[1:]] == ["Doe, J", "Smith, S"]
    text, _ = cite_markdown("---\nnocite: '@*'\n---\nCited @smith2001.", library)
    assert len(paragraphs(text)) == 1 + len(RECORDS)


def test_where_the_bibliography_goes(library: Library) -> None:
    markdown = "Cited @doe2020.\n\n::: {#refs .extra}\n:::\n\nAppendix.\n"
    document = filter_document(read_markdown(markdown), library=library)
    refs = document["blocks"][1]
    assert refs["t"] == "Div"
    assert refs["c"][0] == [
        "refs", ["extra", "references", "csl-bib-body", "hanging-indent"], [["line-spacing", "2"]],
    ]  # fmt: skip
    assert [e["c"][0][0] for e in refs["c"][1]] == ["ref-doe2020"]
    titled = filter_document(
        read_markdown("Cited @doe2020.", "-M", "reference-section-title=Works cited"),
        library=library,
    )
    assert titled["blocks"][1]["c"][:2] == [1, ["bibliography", ["unnumbered"], []]]
    ending = filter_document(read_markdown("Cited @doe2020.\n\n# References\n"), library=library)
    assert ending["blocks"][1]["c"][1] == ["references", ["unnumbered"], []]
    assert ending["blocks"][2]["c"][0][0] == "refs"
    suppressed = filter_document(
        read_markdown("Cited @doe2020.", "-M", "suppress-bibliography=true"), library=library
    )
    assert len(suppressed["blocks"]) == 1


def test_link_citations(library: Library) -> None:
    document = filter_document(
        read_markdown("[@doe2020; @roe2019]", "-M", "link-citations=true"), library=library
    )
    cite_element = document["blocks"][0]["c"][0]
    links = [i["c"][2][0] for i in cite_element["c"][1] if i["t"] == "Link"]
    assert links == ["#ref-doe2020", "#ref-roe2019"]


def test_the_api_version_is_checked_and_kept(library: Library) -> None:
    document = read_markdown("[@doe2020]")
    version = document["pandoc-api-version"]
    assert filter_document(document, library=library)["pandoc-api-version"] == version
    with pytest.raises(DataError, match="pandoc-api-version 2.0 is not one sarcref-pandoc knows"):
        check_api_version({"pandoc-api-version": [2, 0], "blocks": []})


def test_a_document_without_citations_needs_no_library(tmp_path: Path) -> None:
    document = read_markdown("No citations here.")
    expected = json.loads(json.dumps(document))
    assert filter_document(document) == expected  # (and no library file was made)
    assert not (tmp_path / "library.sqlite").exists()


def test_the_console_script_reports_errors_without_a_traceback(
    library_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "paper.md"
    source.write_text("[@doe2020]\n")
    done = subprocess.run(
        [require_pandoc(), str(source), "--filter", str(filter_script(tmp_path)), "-t", "plain"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert f"sarcref-pandoc: no sarcref library at {library_path}" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_style_is_a_usage_error(library: Library) -> None:
    with pytest.raises(UsageError, match="unknown style 'no-such-style'"):
        filter_document(read_markdown("[@doe2020]", "-M", "csl=no-such-style"), library=library)


def test_the_documents_language_is_the_locale(library: Library) -> None:
    text, warnings = cite_markdown(
        "Siehe [@doe2020, S. 3; @roe2019].", library, "-M", "lang=de-DE", fmt="plain"
    )
    assert paragraphs(text)[0] == "Siehe (Doe, 2020, S. 3; Roe & Poe, 2019)."
    assert warnings == []
    _, warnings = cite_markdown("[@doe2020]", library, "-M", "lang=xx-YY")
    assert warnings == ["lang xx-YY is not a locale sarcref has; the style's default is used"]


def test_a_locator_label_the_style_abbreviates_otherwise(library: Library) -> None:
    """MLA's short term for chapter is "ch.": "chap." (the locale's own) still labels it."""
    text, _ = cite_markdown("[@doe2020, chap. 2] and [@doe2020, ch. 3]", library, "-M", "csl=mla")
    assert paragraphs(text)[0] == "(Doe, ch. 2) and (Doe, ch. 3)"
