"""From cited keys to the library's records (``--cited-in``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref import Library
from sarcref.manuscripts.resolving import MissingKeysError, resolve_cited


@pytest.fixture
def shelf() -> Library:
    library = Library.in_memory()
    for key in ("doe2020", "roe2019", "smith2001", "doe2021"):
        library.add({"id": key, "type": "book", "title": key})
    return library


def test_keys_in_first_citation_order(shelf: Library, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("[@roe2019; @doe2020] and again @roe2019.\n")
    cited = resolve_cited(shelf, [paper])
    assert cited.keys == ["roe2019", "doe2020"]
    assert cited.missing == []
    assert cited.reading.files == [paper]


def test_missing_keys_raise_with_where_and_close_matches(shelf: Library, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("See @doe2020.\n\nBut @doe2002 and\n@nothinglikeit.\n")
    with pytest.raises(MissingKeysError) as caught:
        resolve_cited(shelf, [paper])
    error = caught.value
    assert error.exit_code == 1
    assert error.message == (
        f"{paper} cites 2 keys the library does not have:\n"
        f"  {paper}:3:6: no record with key 'doe2002' (did you mean doe2021, doe2020?)\n"
        f"  {paper}:4:2: no record with key 'nothinglikeit'"
    )
    assert [m.cited.key for m in error.missing] == ["doe2002", "nothinglikeit"]


def test_allow_missing_keeps_what_the_library_has(shelf: Library, tmp_path: Path) -> None:
    paper = tmp_path / "paper.tex"
    paper.write_text("\\cite{nope,smith2001}\n")
    cited = resolve_cited(shelf, [paper], allow_missing=True)
    assert cited.keys == ["smith2001"]
    assert [m.message() for m in cited.missing] == [f"{paper}:1:7: no record with key 'nope'"]


def test_the_wildcard_stands_for_every_other_record(shelf: Library, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("---\nnocite: '@*'\n---\n\n@smith2001 first.\n")
    assert resolve_cited(shelf, [paper]).keys == ["smith2001", "doe2020", "roe2019", "doe2021"]
