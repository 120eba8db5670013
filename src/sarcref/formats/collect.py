"""Adding a reader's CSL record to its result: validated, or refused with the reason."""

from __future__ import annotations

from typing import Any

from ..errors import DataError
from ..records import Record, validate_csl
from .model import Problem, ReadResult, SourceRecord

_WHERE = "\x00"


def add_record(
    result: ReadResult,
    csl: dict[str, Any],
    extra: dict[str, Any],
    source: str,
    line: int | None,
    label: str | None,
) -> None:
    """Append the record (its key empty: the import gives one), or a problem naming *label*."""
    try:
        validate_csl(csl, where=_WHERE)
    except DataError as error:
        reason = error.message.removeprefix(f"{_WHERE}: ")
        result.problems.append(Problem(source, line, label, reason))
        return
    csl["id"] = ""
    result.records.append(SourceRecord(Record(key="", csl=csl, extra=extra), source, line))


_DATABASES = (
    ("pubmed", "PubMed"),
    ("medline", "MEDLINE"),
    ("embase", "Embase"),
    ("scopus", "Scopus"),
    ("web of science", "Web of Science"),
    ("web of knowledge", "Web of Science"),
    ("cinahl", "CINAHL"),
    ("psycinfo", "PsycINFO"),
    ("cochrane", "Cochrane Library"),
)


def database_name(text: str) -> str:
    """A database's usual name (``PubMed``, ``Embase``) for the ways exports spell it."""
    lowered = text.casefold()
    for needle, name in _DATABASES:
        if needle in lowered:
            return name
    return " ".join(text.split())


def warn(result: ReadResult, source: str, line: int | None, label: str | None, text: str) -> None:
    result.warnings.append(Problem(source, line, label, text))
