"""From bytes to records: encoding, format detection, parsing, mapping to CSL, validation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import DataError, UsageError
from .model import ReadResult

FORMATS = ("bibtex", "csl-json", "ris")
EXTENSIONS = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".json": "csl-json",
    ".csljson": "csl-json",
    ".ris": "ris",
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
    if _BIBTEX_ENTRY.search(text):
        return "bibtex"
    by_extension = EXTENSIONS.get(Path(source).suffix.lower())
    if by_extension:
        return by_extension
    if not head:
        return "bibtex"  # an empty file holds no entries in any format
    raise DataError(
        f"{source}: cannot tell the format: no BibTeX entry, RIS record or JSON found",
        hint="give it with --format bibtex|csl-json|ris",
    )


def read_text(
    text: str, source: str, fmt: str = "auto", progress: Progress | None = None
) -> ReadResult:
    """Parse, map to CSL and validate; bad entries become problems, never exceptions."""
    if fmt == "auto":
        fmt = detect_format(text, source)
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


def read_source(
    source: str | Path | bytes, fmt: str = "auto", *, encoding: str | None = None
) -> ReadResult:
    """Read a file (a ``Path``), BibTeX/RIS/CSL-JSON text (a ``str``) or raw bytes."""
    if isinstance(source, Path):
        try:
            data = source.read_bytes()
        except OSError as error:
            raise DataError(f"cannot read {source}: {error.strerror}") from None
        return read_text(decode_bytes(data, str(source), encoding), str(source), fmt)
    if isinstance(source, bytes):
        return read_text(decode_bytes(source, STDIN, encoding), STDIN, fmt)
    return read_text(source, "<text>", fmt)
