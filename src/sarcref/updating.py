"""``sarcref update KEY...``: fetch records again by their identifier and show, or apply,
what changed, field by field.

A field the user edited by hand is kept (unless *force*): the record's sarcref fields hold a
hash of each field as the service gave it (``sarcref.provenance``), so a value whose hash
differs was changed since. A record that no service gave (imported from a file) has no such
hashes: its fields that differ are kept, and only the fields it lacks are added.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .duplicates import joined_sources
from .errors import DataError, NotFoundError, SarcrefError
from .identifiers import Identifier, parse_identifier, record_identifiers
from .provenance import FETCHED, digest, fetched_by, service_digests
from .records import SOURCES, Record

if TYPE_CHECKING:
    from .library import Library
    from .web.http import HttpClient

# What to do with one field: take the service's value, add it, remove the field (the service
# no longer gives it), or keep the user's value.
ACTIONS = ("update", "add", "remove", "keep")
_SIGNS = {"update": "~", "add": "+", "remove": "-", "keep": "="}


@dataclass(frozen=True)
class FieldChange:
    field: str
    action: str  # one of ACTIONS
    old: Any  # None when the record lacks the field
    new: Any  # None when the service no longer gives it

    def line(self) -> str:
        old, new = _shown(self.old), _shown(self.new)
        if self.action == "add":
            return f"  + {self.field}: {new}"
        if self.action == "remove":
            return f"  - {self.field}: {old}"
        if self.action == "update":
            return f"  ~ {self.field}: {old} -> {new}"
        edited = "removed" if self.old is None else f"edited to {old}"
        says = "no longer gives it" if self.new is None else f"says {new}"
        return f"  = {self.field}: kept ({edited} by hand; the service {says}; --force takes it)"

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "action": self.action, "old": self.old, "new": self.new}


@dataclass
class RecordUpdate:
    """One record fetched again: the changes, and the record as it would be written."""

    key: str
    identifier: Identifier
    changes: list[FieldChange]
    record: Record
    before: Record  # the stored record it was compared with

    @property
    def changed(self) -> bool:
        return any(c.action != "keep" for c in self.changes)

    def lines(self) -> list[str]:
        if not self.changes:
            return [f"{self.key}: up to date with {self.identifier}"]
        return [f"{self.key} ({self.identifier}):", *(c.line() for c in self.changes)]


@dataclass
class KeyFailure:
    key: str
    error: SarcrefError

    def __str__(self) -> str:
        return f"{self.key}: {self.error.message}"


@dataclass
class UpdateReport:
    updates: list[RecordUpdate] = field(default_factory=list)
    failures: list[KeyFailure] = field(default_factory=list)
    applied: bool = False

    @property
    def exit_code(self) -> int:
        return max((f.error.exit_code for f in self.failures), default=0)

    def lines(self) -> list[str]:
        """The changes, record by record (standard output)."""
        lines: list[str] = []
        for update in self.updates:
            lines += update.lines()
        return lines

    def messages(self) -> list[str]:
        """Failures and the summary (standard error)."""
        lines = [f"error: {failure}" for failure in self.failures]
        changed = sum(1 for u in self.updates if u.changed)
        if self.applied:
            lines.append(f"updated {changed}, unchanged {len(self.updates) - changed}")
        elif changed:
            lines.append(f"{changed} to update; nothing was written (--apply writes it)")
        else:
            lines.append("nothing to update")
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "records": [
                {
                    "key": u.key,
                    "identifier": str(u.identifier),
                    "changes": [c.to_json() for c in u.changes],
                }
                for u in self.updates
            ],
            "failures": [
                {"key": f.key, "error": f.error.message, "exit_code": f.error.exit_code}
                for f in self.failures
            ],
        }


def refetch_identifier(record: Record) -> Identifier | None:
    """What to fetch *record* by: what it was fetched by before, else its DOI, PMID, PMCID,
    arXiv id or ISBN."""
    by = fetched_by(record)
    if by:
        try:
            return parse_identifier(by)
        except SarcrefError:
            pass
    found = record_identifiers(record.csl)
    return found[0] if found else None


def plan_update(
    record: Record, fresh: Record, identifier: Identifier, *, force: bool
) -> RecordUpdate:
    """Compare *record* with *fresh* (what the service gives now), field by field."""
    old = {k: v for k, v in record.csl.items() if k != "id"}
    new = {k: v for k, v in fresh.csl.items() if k != "id"}
    digests = service_digests(record)
    changes: list[FieldChange] = []
    csl = dict(record.csl)
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if digests is None:
            # No record of what a service gave: whatever the record holds is the user's.
            if before is None:
                changes.append(FieldChange(name, "add", None, after))
                csl[name] = after
            elif after is not None:
                changes.append(FieldChange(name, "keep", before, after))
            continue
        given = digests.get(name)
        by_hand = (digest(before) if before is not None else None) != given
        if after is None:
            if given is None:
                continue  # the user's own field; no service ever gave it
            if by_hand and not force:
                changes.append(FieldChange(name, "keep", before, None))
                continue
            changes.append(FieldChange(name, "remove", before, None))
            del csl[name]
        elif by_hand and not force and (before is not None or given is not None):
            changes.append(FieldChange(name, "keep", before, after))
        else:
            changes.append(FieldChange(name, "add" if before is None else "update", before, after))
            csl[name] = after
    updated = Record(
        key=record.key,
        csl={**csl, "id": record.key},
        extra={**record.extra, FETCHED: fresh.extra.get(FETCHED)},
        tags=list(record.tags),
        added=record.added,
        modified=record.modified,
    )
    sources = joined_sources(record, fresh)
    if sources:
        updated.extra[SOURCES] = sources
    return RecordUpdate(record.key, identifier, changes, updated, record)


def update_records(
    library: Library,
    keys: Sequence[str],
    *,
    apply: bool = False,
    force: bool = False,
    refresh: bool = True,
    client: HttpClient | None = None,
) -> UpdateReport:
    """Fetch each record again by its identifier and compare; with *apply*, write the changes
    in one transaction.

    *force*: take the service's value even for fields edited by hand. *refresh* (default):
    ask the service, not the cache. NotFoundError (exit 1) naming every unknown key before
    anything is fetched; TemporaryFailure (exit 75) when a service cannot be reached (nothing
    written). A record without an identifier, or one the service no longer knows, is in
    ``report.failures`` and the others are compared (and written).
    """
    from .web.lookup import fetch_record

    records = library.get_many(list(dict.fromkeys(keys)))
    report = UpdateReport()
    own = client is None
    if client is None:
        from .web.http import HttpClient

        client = HttpClient(refresh=refresh)
    was_refreshing, client.refresh = client.refresh, refresh or client.refresh
    try:
        for record in records:
            identifier = refetch_identifier(record)
            if identifier is None:
                report.failures.append(
                    KeyFailure(
                        record.key,
                        NotFoundError("no DOI, PMID, PMCID, arXiv id or ISBN to fetch it by"),
                    )
                )
                continue
            try:
                fresh = fetch_record(identifier, client)
            except (NotFoundError, DataError) as error:
                report.failures.append(KeyFailure(record.key, error))
                continue
            report.updates.append(plan_update(record, fresh, identifier, force=force))
    finally:
        client.refresh = was_refreshing
        if own:
            client.close()
    if apply:
        apply_updates(library, report)
    return report


def apply_updates(library: Library, report: UpdateReport) -> None:
    """Write the planned records in one transaction. DataError, and nothing written, when a
    record changed since it was compared (another command edited it meanwhile)."""
    with library.transaction():
        for update in report.updates:
            current = library.get(update.key)
            before = update.before
            if (current.csl, current.extra, current.tags) != (
                before.csl,
                before.extra,
                before.tags,
            ):
                raise DataError(
                    f"'{update.key}' changed while it was being updated; nothing was written",
                    hint="run the update again",
                )
            if update.changed or _snapshot(current) != _snapshot(update.record):
                library.update(update.record)
    report.applied = True


def _snapshot(record: Record) -> tuple[str | None, dict[str, str] | None]:
    return fetched_by(record), service_digests(record)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")
