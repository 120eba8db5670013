"""Parsing untrusted XML data files (PubMed XML, EndNote XML) safely, with lxml.

The parser never expands entities, never loads a DTD, never touches the network and refuses
huge trees, so XXE and "billion laughs" files fail instead of reading local files or
exhausting memory. A file that declares or uses entities is refused outright: their text
would otherwise vanish silently. ``rendering/xmlsafe.py`` does the same for CSL styles, with
messages written for styles.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from .errors import DataError

# The XML declaration's encoding: the text is decoded already and parsed as UTF-8 bytes.
_DECLARED_ENCODING = re.compile(r"""^(\ufeff?<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


# collect_ids stays on: with it off, libxml2 2.14 tries to load an external DTD.
_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _utf8(text: str) -> bytes:
    """The text as UTF-8 bytes, its XML declaration no longer naming another encoding."""
    return _DECLARED_ENCODING.sub(r"\1", text.lstrip("\ufeff"), count=1).encode("utf-8")


def iter_records(
    text: str, source: str, *, root: str, records: tuple[str, ...], what: str
) -> Iterator[Any]:
    """The elements named *records*, in file order, each as soon as it is read.

    Each record is cleared once the caller moves on, so memory stays flat however large the
    file (a PubMed export of 10,000 articles is 100-200 MB). Raises DataError naming
    ``source:line`` (and the record) if the file is malformed, declares entities, or its
    root element is not *root* (then it is not *what*, e.g. "PubMed XML").
    """
    from lxml import etree

    etree.clear_error_log()  # the log is shared: a syntax error reads this file's faults only
    context = etree.iterparse(io.BytesIO(_utf8(text)), events=("end",), tag=records, **_OPTIONS)
    checked = False
    try:
        for _, element in context:
            if not checked:
                _check_document(element.getroottree().getroot(), source, root, what)
                checked = True
            yield element
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, text, source, records) from None
    if not checked and context.root is not None:
        _check_document(context.root, source, root, what)


def _check_document(document: Any, source: str, root: str, what: str) -> None:
    _refuse_declared_entities(document, source)
    if document.tag != root:
        raise DataError(
            f"{source}:{document.sourceline}: not {what}: the root element is "
            f"<{document.tag}>, not <{root}>",
            hint="is it another format? try --format",
        )


def _syntax_error(error: Any, text: str, source: str, tags: tuple[str, ...]) -> DataError:
    # iterparse may raise a summary ("no element found", line 0): the log has the first fault.
    faults = [e for e in error.error_log if e.level_name in ("FATAL", "ERROR")]
    if faults:
        line, message = faults[0].line or 1, faults[0].message
    else:
        line = error.lineno or 1
        message = str(error.msg or error).split(f", line {line}")[0]
    where = _record_at(text, line, tags)
    return DataError(
        f"{source}:{line}: not well-formed XML{where}: {message}",
        hint="the file is damaged or cut short; export it again",
    )


def _refuse_declared_entities(element: Any, source: str) -> None:
    """Refuse a document whose DTD declares entities; undefined ones are syntax errors."""
    internal = getattr(element.getroottree().docinfo, "internalDTD", None)
    if internal is not None and any(True for _ in internal.iterentities()):
        raise DataError(
            f"{source}: the XML declares entities (<!ENTITY ...>), which sarcref never expands",
            hint="database exports do not declare entities: is this file what it claims to be?",
        )


def _record_at(text: str, line: int, tags: tuple[str, ...]) -> str:
    """`` in record N (from line L)`` for the record a line falls in, by counting start tags."""
    if not tags:
        return ""
    end = 0  # the end of the line at fault: a record may start on it
    for _ in range(line):
        end = text.find("\n", end) + 1
        if end == 0:
            end = len(text)
            break
    names = "|".join(re.escape(tag) for tag in tags)
    starts = [m.start() for m in re.finditer(rf"<(?:{names})[\s>]", text[:end])]
    if not starts:
        return ""
    start_line = text.count("\n", 0, starts[-1]) + 1
    return f" in record {len(starts)} (from line {start_line})"


_PROLOG = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?"
    r"(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*|<\?[^>]*\?>\s*)*"
    r"<([A-Za-z_][\w.:-]*)",
    re.DOTALL,
)


def root_name(head: str) -> str | None:
    """The name of the root element of an XML text (from its first few kilobytes)."""
    match = _PROLOG.match(head.lstrip("\ufeff"))
    return match.group(1) if match else None
