"""Tags travel with records through BibTeX, RIS and CSL-JSON, in the keywords."""

from __future__ import annotations

import pytest

from sarcref import Library
from sarcref.exporting import export_text
from sarcref.importing import Source


@pytest.mark.parametrize(
    ("fmt", "written"),
    [
        ("bibtex", "keywords     = {local treatment, metastasectomy"),
        ("ris", "KW  - To-Read"),
        ("csl-json", "radiation therapy, sarcoma, To-Read"),
    ],
)
def test_tags_are_exported_in_the_keywords_and_imported_as_tags(
    library: Library, fmt: str, written: str
) -> None:
    library.tag("lerman2015local", ["+To-Read", "+sarcoma"])  # sarcoma is a keyword too
    text = export_text([library.get("lerman2015local")], fmt)
    assert written in text
    assert text.lower().count("sarcoma,") + text.lower().count("kw  - sarcoma\n") <= 2
    with Library.in_memory() as other:
        other.import_sources([Source(f"x.{fmt}", text)], fmt=fmt)
        (record,) = other.all()
        assert "To-Read" in record.tags
        assert "to-read" not in record.tags  # one tag, whatever the case
        assert other.search_keys("tag:to-read") == [record.key]


def test_the_stored_json_keeps_tags_apart(library: Library) -> None:
    import json

    library.tag("lerman2015local", ["+only-a-tag"])
    stored = json.dumps([library.get("lerman2015local").to_json()])
    with Library.in_memory() as other:
        other.import_sources([Source("x.json", stored)])
        (record,) = other.all()
        assert "only-a-tag" in record.tags
        assert "only-a-tag" not in record.keywords


def test_a_round_trip_of_an_imported_file_is_exact(library: Library) -> None:
    bib = "@book{b,\n  title = {T},\n  keywords = {alpha, Beta},\n  year = {2001}\n}\n"
    library.import_sources([Source("a.bib", bib)])
    first = library.get("b")
    assert first.tags == ["alpha", "Beta"]
    with Library.in_memory() as other:
        other.import_sources([Source("b.bib", export_text([first], "bibtex"))])
        again = other.get("b")
        assert (again.csl, again.tags) == (first.csl, first.tags)
