"""``export --watch``: the bibliography file follows the manuscript and the library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sarcref import Library
from sarcref.errors import SarcrefError
from sarcref.manuscripts.live_bibliography import keep_bibliography
from sarcref.manuscripts.resolving import MissingKeysError


def test_the_file_is_rewritten_when_the_manuscript_or_the_library_changes(
    library_path: Path, tmp_path: Path
) -> None:
    library = Library(library_path, seed=False)
    library.add({"id": "doe2020", "type": "book", "title": "One"})
    library.add({"id": "roe2019", "type": "book", "title": "Two"})
    paper = tmp_path / "paper.md"
    paper.write_text("[@doe2020]\n")
    output = tmp_path / "refs.json"
    reports: list[tuple[list[str], bool]] = []
    errors: list[SarcrefError] = []
    polls = 0

    def sleep(_seconds: float) -> None:
        nonlocal polls
        polls += 1
        if polls == 1:  # the author cites another record
            paper.write_text("[@doe2020; @roe2019]\n")
        elif polls == 3:  # and then one the library lacks
            paper.write_text("[@doe2020; @roe2019; @nope]\n")
        elif polls == 5:  # another command adds it
            with Library(library_path) as other:
                other.add({"id": "nope", "type": "book", "title": "Three"})
        elif polls == 7:  # a save that changes nothing in the bibliography
            paper.write_text("[@doe2020; @roe2019; @nope] and more text\n")
        if polls in (1, 3, 7):
            os.utime(paper, ns=(polls * 10**9, polls * 10**9))

    keep_bibliography(
        library, [paper], output, "csl-json",
        report=lambda made, written: reports.append((made.cited.keys, written)),
        on_error=errors.append, rounds=9, sleep=sleep,
    )  # fmt: skip
    assert reports == [
        (["doe2020"], True),
        (["doe2020", "roe2019"], True),
        (["doe2020", "roe2019", "nope"], True),
        (["doe2020", "roe2019", "nope"], False),
    ]
    assert [type(e) for e in errors] == [MissingKeysError]
    assert [r["id"] for r in json.loads(output.read_text())] == ["doe2020", "roe2019", "nope"]
    library.close()


def test_the_first_run_raises(library_path: Path, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("[@nope]\n")
    with Library(library_path, seed=False) as library, pytest.raises(MissingKeysError):
        keep_bibliography(
            library, [paper], tmp_path / "refs.bib", "bibtex",
            report=lambda made, written: None, on_error=lambda error: None, rounds=1,
            sleep=lambda seconds: None,
        )  # fmt: skip
    assert not (tmp_path / "refs.bib").exists()
