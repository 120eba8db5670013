"""``sarcref import``: read files, find duplicates, give keys, write all or nothing.

A file is taken as it is: its entries are compared with the library as it was before the
import, not with each other (a file may hold two printings of one book, and two entries
with one key are two works). Importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .editing import merge_tags
from .errors import DataError, UsageError
from .formats.model import Problem, SourceRecord
from .formats.reading import read_text
from .keys import KeyAllocator, KeyFormat, base_key, usable_file_key
from .records import Record
from .store import fold

if TYPE_CHECKING:
    from .store import Store

ON_DUPLICATE = ("skip", "update", "keep-both")
# The formats sarcref writes tags into (as keywords): their keywords come back as tags.
TAGGING_FORMATS = ("bibtex", "csl-json", "ris")

# (phase, done, total): "reading" per file, "converting" and "writing" per batch of records.
Progress = Callable[[str, int, int], None]
WRITE_BATCH = 2000

_TAGS = re.compile(r"<[^>]+>")
_NOT_ALNUM = re.compile(r"[\W_]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass
class Source:
    """One input: its name (a path, or ``<stdin>``) and its text."""

    name: str
    text: str


@dataclass
class Match:
    """A file's entry that is already in the library, and why sarcref thinks so."""

    item: SourceRecord
    existing_key: str
    reason: str


@dataclass
class Rename:
    item: SourceRecord
    old_key: str
    new_key: str
    reason: str


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    dry_run: bool = False
    added: list[SourceRecord] = field(default_factory=list)
    updated: list[Match] = field(default_factory=list)
    skipped: list[Match] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    invalid: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def details(self) -> list[str]:
        """One line per duplicate, renamed key and skipped invalid entry."""
        lines = [
            f"skipped '{m.item.record.key}' ({m.item.where}): already in the library as "
            f"'{m.existing_key}' ({m.reason})"
            for m in self.skipped
        ]
        lines += [
            f"updated '{m.existing_key}' from '{m.item.record.key}' ({m.item.where}): {m.reason}"
            for m in self.updated
        ]
        lines += [
            f"renamed '{r.old_key}' ({r.item.where}) to '{r.new_key}': {r.reason}"
            for r in self.renamed
        ]
        lines += [f"skipped invalid entry: {p}" for p in self.invalid]
        lines += [f"warning: {p}" for p in self.warnings]
        return lines

    def summary(self) -> str:
        counts = [
            (len(self.added), "added", "add"),
            (len(self.updated), "updated", "update"),
            (len(self.skipped), "skipped", "skip"),
            (len(self.renamed), "renamed", "rename"),
        ]
        if self.invalid:
            counts.append((len(self.invalid), "invalid", "leave out as invalid"))
        if self.dry_run:
            done = ", ".join(f"{verb} {n}" for n, _, verb in counts)
            return f"dry run: would {done}; the library was not changed"
        return ", ".join(f"{word} {n}" for n, word, _ in counts)


def normalised_title(title: str) -> str:
    return _NOT_ALNUM.sub("", fold(_TAGS.sub("", title)))


def normalised_doi(doi: object) -> str:
    return _DOI_PREFIX.sub("", str(doi or "").strip()).lower()


class DuplicateFinder:
    """The library's records by DOI and by (title, year, first author), as they were."""

    def __init__(self, rows: Iterable[tuple[str, str, str, int | None, str | None]]) -> None:
        self.by_doi: dict[str, list[str]] = {}
        self.by_work: dict[tuple[str, int | None, str], list[str]] = {}
        for key, title_sort, author_sort, year, doi in rows:
            if doi:
                self.by_doi.setdefault(normalised_doi(doi), []).append(key)
            title = normalised_title(title_sort)
            if title:
                work = (title, year, _NOT_ALNUM.sub("", author_sort))
                self.by_work.setdefault(work, []).append(key)

    def find(self, record: Record) -> tuple[str, str] | None:
        """(existing key, reason) when *record* is already in the library.

        Of several matching records, the one under the record's own key is the match: a
        library may hold two printings of a book, and importing its export again must pair
        each with itself.
        """
        if self.by_doi:
            doi = normalised_doi(record.csl.get("DOI"))
            if doi and doi in self.by_doi:
                return self._pick(self.by_doi[doi], record.key), f"same DOI {doi}"
        if not self.by_work:
            return None  # an empty library: nothing to compare titles with
        title = normalised_title(record.title)
        if title:
            author = _NOT_ALNUM.sub("", fold(record.first_author_family))
            existing = self.by_work.get((title, record.year, author))
            if existing:
                return self._pick(existing, record.key), "same title, year and first author"
        return None

    @staticmethod
    def _pick(keys: list[str], own: str) -> str:
        return own if own in keys else keys[0]


def read_sources(
    sources: list[Source], fmt: str, progress: Progress | None = None
) -> tuple[list[SourceRecord], list[Problem], list[Problem]]:
    """The records of every source, the entries refused, and the warnings."""
    items: list[SourceRecord] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for number, source in enumerate(sources, 1):
        if progress:
            progress("reading", number - 1, len(sources))

        def converting(done: int, total: int) -> None:
            if progress:
                progress("converting", done, total)

        result = read_text(source.text, source.name, fmt, converting)
        if result.format in TAGGING_FORMATS:
            for item in result.records:
                record = item.record
                record.tags = merge_tags(record.tags, record.keywords)
        items += result.records
        problems += result.problems
        warnings += result.warnings
    return items, problems, warnings


def plan_import(
    store: Store,
    items: list[SourceRecord],
    problems: list[Problem],
    *,
    on_duplicate: str = "skip",
    skip_invalid: bool = False,
    key_format: KeyFormat | None = None,
) -> tuple[ImportReport, list[Record]]:
    """Decide what happens to every entry; returns the report and the records to update."""
    if on_duplicate not in ON_DUPLICATE:
        raise UsageError(
            f"unknown --on-duplicate '{on_duplicate}'; choose from skip, update, keep-both"
        )
    if problems and not skip_invalid:
        if len(problems) == 1:
            raise DataError(
                f"{problems[0]}; nothing was imported",
                hint="fix the entry, or add --skip-invalid to import the others",
            )
        raise DataError(
            f"{problems[0]} (and {len(problems) - 1} more); nothing was imported",
            hint="--dry-run --skip-invalid lists them all; fix them, or add --skip-invalid "
            "to import the others",
        )
    report = ImportReport(invalid=list(problems))
    finder = DuplicateFinder(store.match_columns())
    in_library = set(store.keys())
    keys = KeyAllocator(in_library)
    updates: dict[str, Record] = {}
    for item in items:
        record = item.record
        match = finder.find(record)
        if match is not None and on_duplicate != "keep-both":
            existing_key, reason = match
            if on_duplicate == "skip":
                report.skipped.append(Match(item, existing_key, reason))
                continue
            stored = updates.get(existing_key) or store.get(existing_key)
            assert stored is not None  # the finder read it from this store
            updates[existing_key] = _merged(stored, record)
            report.updated.append(Match(item, existing_key, reason))
            continue
        file_key = record.key
        if usable_file_key(file_key) and keys.free(file_key):
            keys.claim(file_key)
        else:
            record.key = keys.allocate(base_key(record, key_format))
            record.csl["id"] = record.key
            if file_key:
                # The file's own key is kept with the record: a database's record number
                # (RIS ID) or a key another record already has.
                record.extra.setdefault("file-key", file_key)
                if not usable_file_key(file_key):
                    why = "a key of digits only is a database's record number"
                elif file_key in in_library:
                    why = "the key belongs to another record of the library"
                else:
                    why = "an earlier entry of this import has the same key"
                report.renamed.append(Rename(item, file_key, record.key, why))
        report.added.append(item)
    return report, list(updates.values())


def _merged(existing: Record, incoming: Record) -> Record:
    """The library's record with the file's data: key, tags and added time stay."""
    return Record(
        key=existing.key,
        csl={**incoming.csl, "id": existing.key},
        extra={**existing.extra, **incoming.extra},
        tags=sorted(set(existing.tags) | set(incoming.tags)),
        added=existing.added,
        modified=existing.modified,
    )


def import_sources(
    store: Store,
    sources: list[Source],
    *,
    fmt: str = "auto",
    on_duplicate: str = "skip",
    dry_run: bool = False,
    skip_invalid: bool = False,
    key_format: KeyFormat | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import *sources* into *library* in one transaction (nothing, with *dry_run*)."""
    items, problems, warnings = read_sources(sources, fmt, progress)
    report = import_items(
        store,
        items,
        problems,
        on_duplicate=on_duplicate,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        key_format=key_format,
        progress=progress,
    )
    report.warnings = warnings
    return report


def import_items(
    store: Store,
    items: list[SourceRecord],
    problems: list[Problem] | None = None,
    *,
    on_duplicate: str = "skip",
    dry_run: bool = False,
    skip_invalid: bool = False,
    key_format: KeyFormat | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Add records read from files: duplicates, keys, then one transaction."""
    plan = {
        "on_duplicate": on_duplicate,
        "skip_invalid": skip_invalid,
        "key_format": key_format,
    }
    if dry_run:
        report, _ = plan_import(store, items, problems or [], **plan)  # type: ignore[arg-type]
        report.dry_run = True
        return report
    with store.write():
        # Planned inside the write lock: no other command changes the keys meanwhile.
        report, updates = plan_import(store, items, problems or [], **plan)  # type: ignore[arg-type]
        added = [item.record for item in report.added]
        # Batches only to show progress: they are all in this one transaction.
        for start in range(0, len(added), WRITE_BATCH):
            store.insert_many(added[start : start + WRITE_BATCH])
            if progress:
                progress("writing", min(start + WRITE_BATCH, len(added)), len(added))
        for record in updates:
            store.update(record)
    return report


def load_sources(
    names: list[str], *, encoding: str | None = None, stdin: BinaryIO | None = None
) -> list[Source]:
    """The text of each FILE argument; ``-`` is standard input."""
    from .formats.reading import STDIN, decode_bytes

    if names.count("-") > 1:
        raise UsageError("'-' (standard input) can be given once")
    sources = []
    for name in names:
        if name == "-":
            stream = stdin or sys.stdin.buffer
            if stream.isatty():
                raise UsageError("'-' reads the file from standard input, but it is a terminal")
            sources.append(Source(STDIN, decode_bytes(stream.read(), STDIN, encoding)))
            continue
        path = Path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"no such file: {name}") from None
        except IsADirectoryError:
            raise UsageError(f"{name} is a directory; give the files in it") from None
        except OSError as error:
            raise DataError(f"cannot read {name}: {error.strerror}") from None
        sources.append(Source(name, decode_bytes(data, name, encoding)))
    return sources
