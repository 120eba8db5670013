"""What a reader makes of a file: records with where they came from, and entries it refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Record


@dataclass
class Problem:
    """One entry a reader could not turn into a record, and why."""

    source: str
    line: int | None
    key: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        if self.line is None and self.key is None:
            return f"{where}: {self.reason}"  # about the file, not one entry
        entry = f"entry '{self.key}'" if self.key else "entry"
        return f"{where}: {entry}: {self.reason}"


@dataclass
class SourceRecord:
    """A record read from a file. Its key is the file's key ('' when the file gives none)."""

    record: Record
    source: str
    line: int | None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass
class ReadResult:
    """Everything one file held: the records, in file order, the entries refused, and what
    was read with a guess or left out (``warnings``: the entry is kept, the user is told)."""

    format: str
    records: list[SourceRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
