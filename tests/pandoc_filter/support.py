"""Records and pandoc runs shared by the filter's tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sarcref import Library
from sarcref.pandoc_filter import filter_document
from tests.manuscripts.pandoc_support import require_pandoc

RECORDS: list[dict[str, Any]] = [
    {
        "id": "doe2020", "type": "book", "title": "A book about things",
        "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]},
        "publisher": "Pub", "DOI": "10.1000/xyz",
    },
    {
        "id": "roe2019", "type": "article-journal", "title": "An article on <i>Homo sapiens</i>",
        "container-title": "Journal of Stuff", "volume": "3", "page": "1-10",
        "author": [{"family": "Roe", "given": "Rick"}, {"family": "Poe", "given": "Pat"}],
        "issued": {"date-parts": [[2019]]}, "URL": "https://example.org/a",
    },
    {
        "id": "smith2001", "type": "chapter", "title": "A chapter",
        "container-title": "The collected volume", "page": "20-40", "publisher": "Press",
        "author": [{"family": "Smith", "given": "Sam"}],
        "editor": [{"family": "Editor", "given": "Eve"}], "issued": {"date-parts": [[2001]]},
    },
    {
        "id": "uncited1999", "type": "report", "title": "A report nobody cites",
        "author": [{"literal": "World Health Organization"}],
        "issued": {"date-parts": [[1999]]},
    },
]  # fmt: skip


def make_library(path: Path) -> Library:
    library = Library(path, seed=False)
    for record in RECORDS:
        library.add(record)
    return library


def pandoc(args: list[str], text: str) -> str:
    done = subprocess.run(
        [require_pandoc(), *args], input=text, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def read_markdown(markdown: str, *args: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(pandoc(["-f", "markdown", "-t", "json", *args], markdown))
    return document


def write(document: dict[str, Any], fmt: str = "plain") -> str:
    return pandoc(["-f", "json", "-t", fmt, "--wrap=none"], json.dumps(document))


def cite_markdown(
    markdown: str, library: Library, *args: str, fmt: str = "plain"
) -> tuple[str, list[str]]:
    """The document as pandoc writes it after the filter, and the filter's warnings."""
    warnings: list[str] = []
    document = read_markdown(markdown, *args)
    document = filter_document(document, warn=warnings.append, library=library)
    return write(document, fmt), warnings


def filter_script(folder: Path) -> Path:
    """An executable that runs this checkout's filter with the test's Python."""
    script = folder / "sarcref-pandoc"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m sarcref.pandoc_filter "$@"\n')
    script.chmod(0o755)
    return script
