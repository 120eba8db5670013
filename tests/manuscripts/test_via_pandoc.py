"""Asking pandoc itself which keys a document cites."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.errors import DataError, UsageError
from sarcref.manuscripts import read_cited
from sarcref.manuscripts.via_pandoc import cite_ids

from .pandoc_support import require_pandoc


def test_positions_come_from_the_built_in_reader_or_the_text(tmp_path: Path) -> None:
    require_pandoc()
    path = tmp_path / "paper.md"
    path.write_text("One [@a].\n\nSee https://x.org/@b and @c.\n")
    found = read_cited([path], via_pandoc=True).keys
    assert [(c.key, c.line, c.column) for c in found] == [("a", 1, 7), ("b", 3, 20), ("c", 3, 27)]


def test_without_pandoc_on_path_it_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "paper.md"
    path.write_text("@a\n")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(UsageError, match="pandoc is not installed"):
        read_cited([path], via_pandoc=True)


def test_pandoc_reads_markdown_and_latex_only(tmp_path: Path) -> None:
    path = tmp_path / "notes.typ"
    path.write_text("@a\n")
    with pytest.raises(UsageError, match="pandoc reads Markdown and LaTeX manuscripts, not typst"):
        read_cited([path], via_pandoc=True)


def test_a_document_pandoc_cannot_read_is_a_data_error(tmp_path: Path) -> None:
    require_pandoc()
    path = tmp_path / "broken.tex"
    path.write_text("\\input chapters/one\n")  # (pandoc's LaTeX reader wants braces here)
    with pytest.raises(DataError, match="pandoc could not read .*broken.tex"):
        read_cited([path], via_pandoc=True)


def test_cite_ids_follow_pandocs_query_order() -> None:
    nested = {"t": "Cite", "c": [[{"citationId": "b"}], []]}
    outer = {
        "t": "Cite",
        "c": [
            [
                {"citationId": "a", "citationPrefix": [], "citationSuffix": [nested]},
                {"citationId": "c"},
            ],
            [{"t": "Str", "c": "[@a and @b; @c]"}],
        ],
    }
    document = [{"t": "Para", "c": [outer, {"t": "Note", "c": [{"t": "Para", "c": [nested]}]}]}]
    assert cite_ids(document) == ["a", "c", "b", "b"]


def test_a_file_named_like_an_option_is_read_as_a_file(tmp_path: Path) -> None:
    # pandoc took "-o.md" for "-o .md" (write to .md) and printed nothing (exit 3 before).
    require_pandoc()
    path = tmp_path / "-o.md"
    path.write_text("See @godel1931.\n")
    assert [c.key for c in read_cited([path], via_pandoc=True).keys] == ["godel1931"]
    assert not (tmp_path / ".md").exists()
