"""What ``show`` says about a record."""

from __future__ import annotations

from sarcref import Record
from sarcref.cli.display import plain_text


def test_fields_an_import_kept_are_shown_with_their_source() -> None:
    record = Record.from_json(
        {
            "id": "a",
            "type": "book",
            "title": "T",
            "sarcref": {
                "bibtex": {"type": "book", "fields": {"file": "a.pdf"}},
                "ris": {"type": "BOOK", "tags": {"M1": ["one", "two"]}},
            },
        }
    )
    lines = plain_text(record).splitlines()
    assert "file (bibtex)  a.pdf" in lines
    assert "M1 (ris)       one; two" in lines
