"""``sarcref import``: read files, find duplicates, give keys, write all or nothing.

Each entry is compared with the library as it was and with the entries before it in the
same import (two exports of one search given together, or one export that repeats a
record), by the rules of ``duplicates``. With ``--on-duplicate skip`` a duplicate is left
out, with ``update`` its fields are combined into the record it duplicates (see
``duplicates.merge_records``), with ``keep-both`` it is added under a key of its own.
Every record notes the files it came from (``sources``). Importing the same file twice
adds nothing the second time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .duplicates import DuplicateIndex, Fingerprint, fingerprint, joined_sources, merge_records
from .editing import merge_tags
from .errors import DataError, UsageError
from .formats.model import Problem, SourceRecord
from .formats.reading import read_text
from .keys import KeyAllocator, KeyFormat, base_key, usable_file_key
from .records import SOURCES, Record

if TYPE_CHECKING:
    from .store import Store

ON_DUPLICATE = ("skip", "update", "keep-both")
# The formats sarcref writes tags into (as keywords): their keywords come back as tags.
TAGGING_FORMATS = ("bibtex", "csl-json", "ris")

# (phase, done, total): "reading" per file, "converting" and "writing" per batch of records.
Progress = Callable[[str, int, int], None]
WRITE_BATCH = 2000


@dataclass
class Source:
    """One input: its name (a path, or ``<stdin>``) and its text."""

    name: str
    text: str


@dataclass
class Match:
    """A file's entry that duplicates a record, and why sarcref thinks so.

    ``earlier`` is the entry of this import it duplicates (None: a record of the library).
    """

    item: SourceRecord
    existing_key: str
    reason: str
    earlier: SourceRecord | None = None

    def describe(self) -> str:
        if self.earlier is None:
            return f"already in the library as '{self.existing_key}' ({self.reason})"
        return (
            f"a duplicate of '{self.existing_key}' ({self.earlier.where}) in this import"
            f" ({self.reason})"
        )


@dataclass
class Rename:
    item: SourceRecord
    old_key: str
    new_key: str
    reason: str


@dataclass
class FileCounts:
    """A file's part in an import: the numbers a systematic review reports (PRISMA)."""

    records: int = 0
    in_library: int = 0
    in_import: int = 0
    added: int = 0


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
    files: dict[str, FileCounts] = field(default_factory=dict)
    # The duplicate fingerprint of each record added, by key (the store keeps it too).
    prints: dict[str, Fingerprint] = field(default_factory=dict, repr=False)

    def details(self) -> list[str]:
        """One line per duplicate, renamed key and skipped invalid entry."""
        lines = [f"skipped {_entry(m.item)} ({m.item.where}): {m.describe()}" for m in self.skipped]
        lines += [
            f"updated '{m.existing_key}' from {_entry(m.item)} ({m.item.where}): {m.reason}"
            for m in self.updated
        ]
        lines += [
            f"renamed '{r.old_key}' ({r.item.where}) to '{r.new_key}': {r.reason}"
            for r in self.renamed
        ]
        lines += [f"skipped invalid entry: {p}" for p in self.invalid]
        lines += [f"warning: {p}" for p in self.warnings]
        return lines

    def flow(self) -> list[str]:
        """Per file: records read, duplicates (of the library, of this import), added."""
        verb = "would be added" if self.dry_run else "added"
        return [
            f"{name}: {c.records} records; {c.in_library} already in the library, "
            f"{c.in_import} duplicates within this import; {c.added} {verb}"
            for name, c in self.files.items()
        ]

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


def _entry(item: SourceRecord) -> str:
    """An entry as a report names it: its key, else its title."""
    if item.record.key:
        return f"'{item.record.key}'"
    title = item.record.title
    return "untitled entry" if not title else f"'{title[:60]}{'...' if len(title) > 60 else ''}'"


def read_sources(
    sources: list[Source],
    fmt: str,
    progress: Progress | None = None,
    column_map: Mapping[str, str] | None = None,
) -> tuple[list[SourceRecord], list[Problem], list[Problem]]:
    """The records of every source, the entries refused, and the warnings. Each source's text
    is released once read (the sources are consumed).

    Each record notes its source (file, format, database when the file says which) and,
    for the formats sarcref writes tags into, gets its keywords as tags.
    """
    items: list[SourceRecord] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for number, source in enumerate(sources, 1):
        if progress:
            progress("reading", number - 1, len(sources))

        def converting(done: int, total: int) -> None:
            if progress:
                progress("converting", done, total)

        result = read_text(source.text, source.name, fmt, converting, column_map=column_map)
        # The records hold what they need: the file's text (a 200 MB export) can go before
        # the write, which needs as much again.
        source.text = ""
        for item in result.records:
            record = item.record
            if result.format in TAGGING_FORMATS:
                record.tags = merge_tags(record.tags, record.keywords)
            told = record.extra.pop("source", None)
            origin: dict[str, Any] = {"file": source.name, "format": result.format}
            if isinstance(told, dict):
                # The database, and the record's number in it (PMID, WoS UT, Embase ID...).
                origin.update({k: told[k] for k in ("database", "accession") if told.get(k)})
            record.extra[SOURCES] = [*record.extra.get(SOURCES, []), origin]
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
    index = DuplicateIndex(store.fingerprints())
    in_library = set(store.keys())
    keys = KeyAllocator(in_library | set(store.all_aliases()))
    updates: dict[str, Record] = {}
    # Entries of this import already planned, by the key they will have.
    planned: dict[str, SourceRecord] = {}
    for item in items:
        record = item.record
        counts = report.files.setdefault(item.source, FileCounts())
        counts.records += 1
        print_ = fingerprint(record)  # once an entry: it costs as much as reading the entry
        match = index.find(print_) if on_duplicate != "keep-both" else None
        if match is not None:
            earlier = planned.get(match.key) if match.key not in in_library else None
            found = Match(item, match.key, match.reason, earlier)
            if earlier is None:
                counts.in_library += 1
            else:
                counts.in_import += 1
            if on_duplicate == "skip":
                if earlier is not None:  # the entry it repeats notes this source too
                    earlier.record.extra[SOURCES] = joined_sources(earlier.record, record)
                report.skipped.append(found)
                continue
            if earlier is not None:
                earlier.record = merge_records(earlier.record, record)
                report.prints.pop(earlier.record.key, None)  # the store works it out again
            else:
                stored = updates.get(match.key) or store.get(match.key)
                assert stored is not None  # its fingerprint came from this store
                merged = merge_records(record, stored)
                merged.key, merged.csl["id"] = stored.key, stored.key
                merged.added = stored.added
                merged.tags = merge_tags(stored.tags, record.tags)
                updates[match.key] = merged
            report.updated.append(found)
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
        if print_.key != record.key:
            print_ = print_._replace(key=record.key)
        index.add(print_)
        report.prints[record.key] = print_
        planned[record.key] = item
        counts.added += 1
        report.added.append(item)
    return report, list(updates.values())


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
    column_map: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import *sources* into *store* in one transaction (nothing, with *dry_run*).

    *column_map*: for CSV files, which column holds which field (``--map``)."""
    items, problems, warnings = read_sources(sources, fmt, progress, column_map)
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
        # (An entry may have been merged with later duplicates: take its record now.)
        added = [item.record for item in report.added]
        # Batches only to show progress: they are all in this one transaction.
        for start in range(0, len(added), WRITE_BATCH):
            store.insert_many(added[start : start + WRITE_BATCH], prints=report.prints)
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
