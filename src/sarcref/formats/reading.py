"""From bytes to records: encoding, format detection, parsing, mapping to CSL, validation."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import DataError, UsageError
from .model import ReadResult

# What literature databases export (issue 14): read by the modules named in read_text.
DATABASE_FORMATS = ("medline", "pubmed-xml", "endnote-xml", "wos", "csv")
FORMATS = ("bibtex", "csl-json", "ris", *DATABASE_FORMATS)
EXTENSIONS = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".json": "csl-json",
    ".csljson": "csl-json",
    ".ris": "ris",
    ".nbib": "medline",
    ".ciw": "wos",
    ".csv": "csv",
}
STDIN = "<stdin>"

Progress = Callable[[int, int], None]

_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text of a file: UTF-8 (with or without BOM) or UTF-16/32 with a BOM, or *encoding*.

    Binary data and text in another encoding are reported with the line at fault.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as error:
            raise _encoding_error(data, source, error, encoding) from None
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32")):
        if data.startswith(bom):
            return data.decode(codec, errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _encoding_error(data, source, error, "UTF-16") from None
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise DataError(
            f"{source}:{line}: this is not a text file (binary data at byte {nul})",
            hint="import BibTeX, RIS or CSL-JSON text files",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _encoding_error(data, source, error, "UTF-8") from None


def _encoding_error(
    data: bytes, source: str, error: UnicodeDecodeError, encoding: str
) -> DataError:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    byte = data[error.start : error.start + 1].hex()
    return DataError(
        f"{source}:{line}: the file is not {encoding} (byte 0x{byte} at column {column})",
        hint="name its encoding with --encoding (e.g. --encoding latin-1), "
        "or convert it: iconv -f latin1 -t utf-8",
    )


def detect_format(text: str, source: str) -> str:
    """The format of a file, from its content first and its extension second."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        return "csl-json"
    from .ris.tagged import looks_like_ris

    if looks_like_ris(head):
        return "ris"
    exported = detect_database_export(head[:20000])
    if exported:
        return exported
    if _BIBTEX_ENTRY.search(text):
        return "bibtex"
    by_extension = EXTENSIONS.get(Path(source).suffix.lower())
    if by_extension:
        return by_extension
    if not head:
        return "bibtex"  # an empty file holds no entries in any format
    from .csv_exports import sniff_header

    if sniff_header(head[:20000]) is not None:
        return "csv"  # a table: csv_exports names its columns and asks for --map
    raise DataError(
        f"{source}: cannot tell the format: no BibTeX entry, RIS record, JSON or database "
        "export (MEDLINE, PubMed XML, EndNote XML, Web of Science, CSV) found",
        hint=f"give it with --format {'|'.join(FORMATS)}",
    )


def detect_database_export(head: str) -> str | None:
    """The database export format a text's beginning shows, if any (issue 14's formats).

    A reader's module is imported only when the first characters could be its format: a
    BibTeX or RIS file's detection imports none of them.
    """
    start = head.lstrip("\ufeff \t\r\n")
    first_line = start.split("\n", 1)[0]
    if start.startswith(("PMID", "OWN")):
        from .medline import looks_like_medline

        if looks_like_medline(start):
            return "medline"  # else perhaps PubMed's CSV: "PMID,Title,..."
    if start.startswith("<"):
        from .endnote_xml import looks_like_endnote_xml
        from .pubmed_xml import looks_like_pubmed_xml

        if looks_like_pubmed_xml(start):
            return "pubmed-xml"
        if looks_like_endnote_xml(start):
            return "endnote-xml"
        return None
    if start.startswith(("FN ", "PT")):
        from .web_of_science import looks_like_wos, looks_like_wos_tab

        if looks_like_wos(start) or looks_like_wos_tab(start):
            return "wos"
    if any(first_line.count(d) >= 2 for d in ",;\t"):
        from .csv_exports import looks_like_database_csv

        if looks_like_database_csv(start):
            return "csv"
    return None


def read_text(
    text: str,
    source: str,
    fmt: str = "auto",
    progress: Progress | None = None,
    *,
    column_map: Mapping[str, str] | None = None,
) -> ReadResult:
    """Parse, map to CSL and validate; bad entries become problems, never exceptions.

    *column_map* (``{column: CSL variable}``, from ``csv_exports.parse_column_map``) says
    what a CSV file's columns hold; it applies to CSV files only.
    """
    if fmt == "auto":
        fmt = detect_format(text, source)
    if column_map and fmt != "csv":
        raise UsageError(f"--map applies to CSV files; {source} is {fmt}")
    if fmt in DATABASE_FORMATS:
        return _read_database_export(text, source, fmt, column_map)
    if fmt == "csl-json":
        from . import csljson

        return csljson.read(text, source)
    if fmt == "bibtex":
        from .bibtex import parse as bibtex_parse
        from .bibtex import reader as bibtex_reader

        result = bibtex_reader.read(text, source, progress)
        if not result.records and not result.problems and text.strip():
            if not _BIBTEX_ENTRY.search(text):
                raise bibtex_parse.BibTeXError(
                    f"{source}: no BibTeX entry found", hint="is it another format? try --format"
                )
        return result
    if fmt == "ris":
        from .ris import to_csl as ris_to_csl

        return ris_to_csl.read(text, source)
    raise UsageError(f"unknown format '{fmt}'; choose from auto, {', '.join(FORMATS)}")


def _read_database_export(
    text: str, source: str, fmt: str, column_map: Mapping[str, str] | None
) -> ReadResult:
    if fmt == "medline":
        from . import medline

        return medline.read(text, source)
    if fmt == "pubmed-xml":
        from . import pubmed_xml

        return pubmed_xml.read(text, source)
    if fmt == "endnote-xml":
        from . import endnote_xml

        return endnote_xml.read(text, source)
    if fmt == "wos":
        from . import web_of_science

        return web_of_science.read(text, source)
    from . import csv_exports

    return csv_exports.read(text, source, column_map)


def read_source(
    source: str | Path | bytes,
    fmt: str = "auto",
    *,
    encoding: str | None = None,
    column_map: Mapping[str, str] | None = None,
) -> ReadResult:
    """Read a file (a ``Path``), text in any format read_text knows (``str``) or raw bytes."""
    if isinstance(source, Path):
        try:
            data = source.read_bytes()
        except OSError as error:
            raise DataError(f"cannot read {source}: {error.strerror}") from None
        text = decode_bytes(data, str(source), encoding)
        return read_text(text, str(source), fmt, column_map=column_map)
    if isinstance(source, bytes):
        text = decode_bytes(source, STDIN, encoding)
        return read_text(text, STDIN, fmt, column_map=column_map)
    return read_text(source, "<text>", fmt, column_map=column_map)
