"""A library with a few records, shared by the reliability tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref import Library

RECORDS = [
    {
        "id": "knudson1971",
        "type": "article-journal",
        "title": "Mutation and cancer: statistical study of retinoblastoma",
        "author": [{"family": "Knudson", "given": "Alfred G."}],
        "issued": {"date-parts": [[1971]]},
        "container-title": "Proceedings of the National Academy of Sciences",
        "DOI": "10.1073/pnas.68.4.820",
    },
    {
        "id": "godel1931",
        "type": "article-journal",
        "title": "Über formal unentscheidbare Sätze",
        "author": [{"family": "Gödel", "given": "Kurt"}],
        "issued": {"date-parts": [[1931]]},
    },
]


@pytest.fixture
def lib(library_path: Path) -> Path:
    """A library file holding the bundled record and RECORDS."""
    with Library(library_path) as library:
        for record in RECORDS:
            library.add(record)
    return library_path


def snapshot(path: Path) -> str:
    """Every record of the library at *path*, as JSON: what must not change."""
    with Library(path) as library:
        return json.dumps([r.to_json() for r in library.all()], sort_keys=True)
