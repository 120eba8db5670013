"""Choosing a reader, reading several manuscripts, and what the CLI prints as JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.errors import UsageError
from sarcref.manuscripts import SUPPORTED, CitedKey, keys_as_json, read_cited, syntax_of


@pytest.mark.parametrize(
    ("head", "syntax"),
    [
        ('<?xml version="1.0"?>\n<bcf:controlfile version="3.8">', "bcf"),
        ("\\relax\n\\citation{a}\n", "aux"),
        ("\\documentclass{article}\n", "latex"),
        ("Some text \\parencite{a}.\n", "latex"),
        ("#set page(width: 10cm)\n", "typst"),
        ("---\ntitle: x\n---\n", "markdown"),
        ("As [@doe] says.\n", "markdown"),
    ],
)
def test_a_file_without_a_known_extension_is_read_by_its_content(
    head: str, syntax: str, tmp_path: Path
) -> None:
    assert syntax_of(tmp_path / "manuscript", head) == syntax


def test_unknown_content_names_the_supported_extensions(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Nothing to see.\n")
    with pytest.raises(UsageError, match=r"notes\.txt: not a manuscript") as caught:
        read_cited([path])
    assert caught.value.hint is not None and SUPPORTED in caught.value.hint


def test_several_files_each_key_once_in_first_citation_order(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("@x and @y\n")
    (tmp_path / "b.tex").write_text("\\cite{y,z}\n")
    (tmp_path / "c").write_text("Also [@w; @x].\n")
    reading = read_cited([tmp_path / "a.md", tmp_path / "b.tex", tmp_path / "c"])
    assert [(c.key, c.file.name) for c in reading.keys] == [
        ("x", "a.md"), ("y", "a.md"), ("z", "b.tex"), ("w", "c"),
    ]  # fmt: skip
    assert [p.name for p in reading.files] == ["a.md", "b.tex", "c"]


def test_keys_as_json_with_a_predicate_or_a_set() -> None:
    cited = [
        CitedKey("a", Path("p.md"), 1, 5),
        CitedKey("b", Path("p.md")),
        CitedKey("*", Path("p.md"), 2, 9),
    ]
    expected = [
        {"key": "a", "file": "p.md", "line": 1, "column": 5, "in_library": True},
        {"key": "b", "file": "p.md", "line": None, "column": None, "in_library": False},
        {"key": "*", "file": "p.md", "line": 2, "column": 9, "in_library": True},
    ]
    assert keys_as_json(cited, {"a"}) == expected
    assert keys_as_json(cited, lambda key: key == "a") == expected
    assert CitedKey("b", Path("p.md")).where == "p.md"
    assert CitedKey("b", Path("p.md"), 3).where == "p.md:3"
