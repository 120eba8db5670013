"""The manuscript's bibliography file: cited records, crossref parents, rewritten on change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sarcref import Library
from sarcref.errors import UsageError
from sarcref.formats import read_records
from sarcref.manuscripts.bibfile import cited_bibliography, parent_keys, write_if_changed

BIB = r"""
@inproceedings{child2020,
  author = {Roe, Rick},
  title = {A paper in the proceedings},
  crossref = {Proc2020},
  pages = {1--10},
}
@proceedings{proc2020,
  title = {Proceedings of the Conference},
  editor = {Poe, Pat},
  year = {2020},
  address = {Berlin},
  publisher = {Springer},
  xdata = {series-data},
}
@xdata{series-data,
  series = {Lecture Notes},
}
@article{article2019,
  author = {Doe, Jane},
  title = {An article},
  journal = {Journal of Things},
  year = {2019},
  month = {5},
  volume = {3},
}
"""


@pytest.fixture
def shelf(tmp_path: Path) -> Library:
    source = tmp_path / "refs.bib"
    source.write_text(BIB)
    library = Library.in_memory()
    library.add_many(read_records(source))
    return library


def test_parents_are_the_crossref_keys(shelf: Library) -> None:
    # An @xdata entry is used up on import: its fields are in the entries that name it.
    assert parent_keys(shelf.get("child2020")) == ["Proc2020"]
    assert parent_keys(shelf.get("proc2020")) == []
    assert shelf.get("proc2020").csl["collection-title"] == "Lecture Notes"
    assert "series-data" not in shelf.keys()
    assert parent_keys(shelf.get("article2019")) == []


def test_a_bibtex_file_includes_the_parents_after_the_children(
    shelf: Library, tmp_path: Path
) -> None:
    paper = tmp_path / "paper.tex"
    paper.write_text("\\cite{child2020}\n")
    made = cited_bibliography(shelf, [paper], "bibtex")
    assert made.parents == ["proc2020"]
    entries = [line for line in made.text.splitlines() if line.startswith("@")]
    assert entries == ["@inproceedings{child2020,", "@proceedings{proc2020,"]
    assert made.warnings == []


def test_csl_json_needs_no_parents(shelf: Library, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("[@child2020]\n")
    made = cited_bibliography(shelf, [paper], "csl-json")
    assert made.parents == []
    assert '"id": "child2020"' in made.text and "proc2020" not in made.text


def test_biblatex_writes_journaltitle_date_and_location(shelf: Library, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("@article2019 and @child2020\n")
    text = cited_bibliography(shelf, [paper], "biblatex").text
    assert "  journaltitle = {Journal of Things}," in text
    assert "  date         = {2019-05}," in text
    assert "  location  = {Berlin}," in text
    bibtex = cited_bibliography(shelf, [paper], "bibtex").text
    assert "  journal = {Journal of Things}," in bibtex
    assert "  address   = {Berlin}," in bibtex


def test_a_missing_parent_is_a_warning(shelf: Library, tmp_path: Path) -> None:
    shelf.remove(["proc2020"])
    paper = tmp_path / "paper.md"
    paper.write_text("@child2020\n")
    made = cited_bibliography(shelf, [paper], "bibtex")
    assert made.warnings == ["child2020: its parent entry 'Proc2020' is not in the library"]


def test_an_unknown_format_fails_before_reading(shelf: Library, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown format 'endnote'"):
        cited_bibliography(shelf, [tmp_path / "absent.md"], "endnote")


def test_write_if_changed_leaves_an_equal_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "refs.bib"
    assert write_if_changed(target, "one\n") is True
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert write_if_changed(target, "one\n") is False
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert write_if_changed(target, "two\n") is True
    assert target.read_text() == "two\n"
