"""Bytes to text to records: encodings, format detection, read_records."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.errors import DataError
from sarcref.formats import decode_bytes, detect_format, read_records

BIB = "@article{k, title = {Gödel}}\n"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("% a comment\n@article{k, title={T}}", "refs.txt", "bibtex"),
        ('[{"id": "a", "type": "book"}]', "refs.bib", "csl-json"),
        ('{"id": "a", "type": "book"}', "-", "csl-json"),
        ("TY  - JOUR\nER  - \n", "export.txt", "ris"),
        ("", "empty.ris", "ris"),
    ],
)
def test_the_format_comes_from_the_content_then_the_extension(
    text: str, name: str, expected: str
) -> None:
    assert detect_format(text, name) == expected


def test_text_in_no_known_format_is_reported() -> None:
    with pytest.raises(DataError, match="notes.txt: cannot tell the format"):
        detect_format("just some notes\n", "notes.txt")


def test_utf8_with_or_without_bom_and_utf16_with_bom_are_read() -> None:
    assert decode_bytes(BIB.encode(), "f") == BIB
    assert decode_bytes(b"\xef\xbb\xbf" + BIB.encode(), "f") == BIB
    assert decode_bytes(BIB.encode("utf-16"), "f") == BIB


def test_latin1_is_reported_with_line_and_column_unless_named() -> None:
    data = "@article{k,\n  title = {Gödel}}\n".encode("latin-1")
    with pytest.raises(DataError) as caught:
        decode_bytes(data, "old.bib")
    assert caught.value.message == "old.bib:2: the file is not UTF-8 (byte 0xf6 at column 13)"
    assert "--encoding" in (caught.value.hint or "")
    assert "Gödel" in decode_bytes(data, "old.bib", "latin-1")


def test_binary_data_is_not_text() -> None:
    with pytest.raises(
        DataError, match=r"^x\.bib:3: this is not a text file \(binary data at byte 8\)"
    ):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "x.bib")


def test_read_records_reads_a_path_without_a_library(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB + "@book{k, title = {Again}}\n", encoding="utf-8")
    records = read_records(path)
    assert [(r.key, r.title) for r in records] == [("k", "Gödel"), ("anonagain", "Again")]
    assert not (tmp_path / "library.sqlite").exists()


def test_read_records_gives_keys_to_records_without_one() -> None:
    ris = "TY  - BOOK\nAU  - Lerman, Daniel\nPY  - 2015\nTI  - The local control\nER  - \n"
    assert [r.key for r in read_records(ris)] == ["lerman2015local"]


def test_read_records_refuses_a_malformed_file() -> None:
    with pytest.raises(DataError, match=r"^<text>:2: entry 'bad': .*\(and 1 more\)$"):
        read_records(
            '[{"id": "ok", "type": "book"},\n{"id": "bad", "type": "novel"},\n'
            '{"id": "worse", "type": "book", "author": 5}]'
        )


def test_a_file_forced_into_the_wrong_format_is_reported() -> None:
    with pytest.raises(DataError, match=r"^<text>: no RIS record \(TY  - \.\.\. ER  -\) found$"):
        read_records("@book{k, title = {T}}", "ris")
    with pytest.raises(DataError, match=r"^<text>: no BibTeX entry found$"):
        read_records("TY  - BOOK\nER  - \n", "bibtex")
    assert read_records("@comment{nothing to import}\n", "bibtex") == []
