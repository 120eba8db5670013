"""``sarcref add ID...``: records fetched by DOI, PMID, PMCID, arXiv id or ISBN, added the way
``import`` adds records (``Library.import_records``: duplicates found, keys given, one
transaction).

Every identifier is checked for its shape before any request (a bad one: UsageError, nothing
fetched). Then each is fetched (cached responses first): one the service does not know, or
answers wrongly, is reported and the others are still added; a service that cannot be reached
stops the batch with TemporaryFailure before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import DataError, NotFoundError, SarcrefError, UsageError
from .identifiers import Identifier, parse_identifier

if TYPE_CHECKING:
    from .importing import ImportReport
    from .library import Library
    from .records import Record
    from .web.http import HttpClient

ON_DUPLICATE = ("skip", "update", "keep-both")
ADD_FORMATS = ("text", "keys", "json")

# (done, total) after each identifier is fetched.
Progress = Callable[[int, int], None]


@dataclass
class Failure:
    """An identifier that gave no record, and why (NotFoundError or DataError)."""

    text: str  # as the user wrote it
    error: SarcrefError

    def __str__(self) -> str:
        return f"{self.text}: {self.error.message}"


@dataclass
class AddReport:
    """What ``add`` did (or, with dry_run, would do)."""

    imported: ImportReport
    failures: list[Failure] = field(default_factory=list)
    repeated: list[tuple[str, str]] = field(default_factory=list)  # (identifier, reason)
    identifiers: list[str] = field(default_factory=list)  # as given, for the order of to_json

    @property
    def added_keys(self) -> list[str]:
        return [item.record.key for item in self.imported.added]

    @property
    def exit_code(self) -> int:
        """0; 1 when a service did not know an identifier; 3 when one answered wrongly."""
        codes = [f.error.exit_code for f in self.failures]
        return max(codes, default=0)

    def output(self, fmt: str = "text") -> str:
        """Standard output: ``added KEY`` per new record (``would add KEY`` in a dry run),
        the keys alone with ``keys``, or a JSON list with ``json`` (see ``to_json``)."""
        if fmt not in ADD_FORMATS:
            raise UsageError(f"unknown format '{fmt}'; choose from {', '.join(ADD_FORMATS)}")
        if fmt == "json":
            import json

            return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "keys":
            lines = self.added_keys
        else:
            verb = "would add" if self.imported.dry_run else "added"
            lines = [f"{verb} {key}" for key in self.added_keys]
        return "".join(f"{line}\n" for line in lines)

    def messages(self) -> list[str]:
        """Standard error: duplicates, failures and the summary, one line each."""
        lines = []
        for match in self.imported.skipped:
            lines.append(
                f"skipped {match.item.source}: already in the library as "
                f"'{match.existing_key}' ({match.reason})"
            )
        for match in self.imported.updated:
            verb = "would update" if self.imported.dry_run else "updated"
            lines.append(f"{verb} '{match.existing_key}' from {match.item.source} ({match.reason})")
        lines += [f"skipped {text}: {reason}" for text, reason in self.repeated]
        lines += [f"error: {failure}" for failure in self.failures]
        summary = self.imported.summary()
        if self.failures:
            summary += f", failed {len(self.failures)}"
        return [*lines, summary]

    def to_json(self) -> list[dict[str, Any]]:
        """One object per identifier, in the order given: ``identifier``, ``status`` (added,
        updated, skipped, failed), ``key`` (the new or existing record's), ``reason`` or
        ``error``."""
        rows: list[dict[str, Any]] = []
        for item in self.imported.added:
            rows.append({"identifier": item.source, "status": "added", "key": item.record.key})
        matched = (("updated", self.imported.updated), ("skipped", self.imported.skipped))
        for status, matches in matched:
            for match in matches:
                rows.append(
                    {
                        "identifier": match.item.source,
                        "status": status,
                        "key": match.existing_key,
                        "reason": match.reason,
                    }
                )
        for text, reason in self.repeated:
            rows.append({"identifier": text, "status": "skipped", "key": None, "reason": reason})
        for failure in self.failures:
            rows.append(
                {
                    "identifier": failure.text,
                    "status": "failed",
                    "key": None,
                    "error": failure.error.message,
                    "exit_code": failure.error.exit_code,
                }
            )
        first = {text: n for n, text in reversed(list(enumerate(self.identifiers)))}
        return sorted(rows, key=lambda row: first.get(row["identifier"], len(first)))


def read_identifiers(text: str) -> list[str]:
    """The identifiers of standard input (``add -``): one a line; blank lines and ``#``
    comments (whole lines, or after an identifier) skipped."""
    found = []
    for line in text.splitlines():
        value = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if value:
            found.append(value)
    return found


def parse_identifiers(texts: Iterable[str]) -> list[tuple[str, Identifier]]:
    """Each text with what it identifies; UsageError for the first that is no identifier
    (checked before anything is fetched)."""
    return [(text, parse_identifier(text)) for text in texts]


def fetch_records(
    identifiers: Sequence[tuple[str, Identifier]],
    client: HttpClient,
    progress: Progress | None = None,
) -> tuple[list[tuple[str, Record]], list[Failure], list[tuple[str, str]]]:
    """Fetch each identifier once: (text, record) pairs, failures, and repeats skipped."""
    from .web.lookup import fetch_record

    records: list[tuple[str, Record]] = []
    failures: list[Failure] = []
    repeated: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for done, (text, identifier) in enumerate(identifiers, 1):
        first = seen.get(str(identifier))
        if first is not None:
            repeated.append((text, f"given twice (as {first})"))
        else:
            seen[str(identifier)] = text
            try:
                records.append((text, fetch_record(identifier, client)))
            except (NotFoundError, DataError) as error:
                failures.append(Failure(text, error))
        if progress:
            progress(done, len(identifiers))
    return records, failures, repeated


def add_identifiers(
    library: Library,
    identifiers: Sequence[str],
    *,
    on_duplicate: str = "skip",
    dry_run: bool = False,
    refresh: bool = False,
    client: HttpClient | None = None,
    progress: Progress | None = None,
) -> AddReport:
    """Fetch the record of each identifier and add them all in one transaction.

    *identifiers* as the user wrote them (``10.1097/...``, ``pmid:25490690``, an arXiv URL...).
    *on_duplicate*: ``skip`` (default), ``update`` or ``keep-both`` a record whose DOI (or
    title, year and first author) is already in the library. *dry_run*: fetch but write
    nothing. *refresh*: ask the services even for what the cache holds. *client*: the HTTP
    client (default: one from the environment, closed at the end).

    UsageError (exit 2) for an identifier of no known shape or a bad *on_duplicate*;
    TemporaryFailure (exit 75) when a service cannot be reached (nothing written). An
    identifier a service does not know, or answers wrongly, is in ``report.failures``; the
    others are added (``report.exit_code`` is then 1 or 3).
    """
    if on_duplicate not in ON_DUPLICATE:
        raise UsageError(
            f"unknown --on-duplicate '{on_duplicate}'; choose from {', '.join(ON_DUPLICATE)}"
        )
    parsed = parse_identifiers(identifiers)
    if not parsed:
        raise UsageError("no identifier given", hint="sarcref add 10.1097/CCO.0000000000000150")
    own = client is None
    if client is None:
        from .web.http import HttpClient

        client = HttpClient(refresh=refresh)
    try:
        fetched, failures, repeated = fetch_records(parsed, client, progress)
    finally:
        if own:
            client.close()
    fetched, more = _same_doi_once(fetched)
    imported = library.import_records(
        [record for _, record in fetched], on_duplicate=on_duplicate, dry_run=dry_run
    )
    # Each entry of the report names the identifier its record was fetched by.
    given = {id(record): text for text, record in fetched}
    items = [*imported.added, *(m.item for m in imported.skipped + imported.updated)]
    for item in items:
        item.source = given.get(id(item.record), item.source)
    return AddReport(imported, failures, repeated + more, list(identifiers))


def _same_doi_once(
    fetched: list[tuple[str, Record]],
) -> tuple[list[tuple[str, Record]], list[tuple[str, str]]]:
    """Two identifiers of one batch that gave one work (a PMID and its DOI) add it once.

    (``import`` compares a file with the library only: two printings in one file are two
    records. Here the same DOI twice is the same work asked for twice.)
    """
    from .duplicates import normalised_doi

    kept: list[tuple[str, Record]] = []
    first: dict[str, str] = {}
    repeated: list[tuple[str, str]] = []
    for text, record in fetched:
        doi = normalised_doi(record.csl.get("DOI"))
        if doi and doi in first:
            repeated.append((text, f"the same work as {first[doi]} (DOI {doi})"))
            continue
        if doi:
            first[doi] = text
        kept.append((text, record))
    return kept, repeated
