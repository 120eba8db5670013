"""``sarcref.Library``: the Python API every command uses.

>>> lib = Library(":memory:")          # or a path; a new file gets the bundled record
>>> lib.get("lerman2015local").title
'Local control of metastatic sarcoma'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConflictError, DataError, NotFoundError, UsageError
from .paths import bundled_data_dir, resolve_library_path
from .records import Record
from .store import MEMORY, SORTS, Store

if TYPE_CHECKING:
    from datetime import datetime

    from .importing import ImportReport, Source
    from .journal import Change
    from .query import Node
    from .search import SearchResult

# The orders of search results: by relevance (bm25), or as `list` sorts.
SEARCH_SORTS = ("relevance", *SORTS)


def bundled_records() -> list[Record]:
    """The records shipped in ``data/``, loaded into every new library."""
    folder = bundled_data_dir()
    records = []
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            records.append(Record.from_json(json.load(handle), where=str(path)))
    return records


class Library:
    """A reference library in one SQLite file (or in memory).

    A file that does not exist yet is created and the bundled record loaded into it,
    once. ``seed=False`` leaves a new library empty. ``read_only=True`` reads an existing
    library without ever writing to it (no cache, no migration: an older library is
    refused), as a file that cannot be written is read anyway.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        seed: bool = True,
        read_only: bool = False,
        command: str | None = None,
    ) -> None:
        target: str | Path = MEMORY if path == MEMORY else resolve_library_path(path)
        self.store = Store(target, seed=bundled_records if seed else None, read_only=read_only)
        self.path = self.store.path
        if command is not None:
            self.command = command
        # What a command should tell its user beyond its result (a merged key used).
        self.notices: list[str] = []

    @classmethod
    def in_memory(cls, *, seed: bool = False) -> Library:
        return cls(MEMORY, seed=seed)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def created(self) -> bool:
        """True when this call created the library file."""
        return self.store.created

    @property
    def command(self) -> str:
        """What the change journal records as the command behind each change: the command
        line (the CLI sets it), else "python API"."""
        return self.store.command

    @command.setter
    def command(self, text: str) -> None:
        self.store.command = text

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several changes into one all-or-nothing write."""
        with self.store.write():
            yield

    # -- reading ------------------------------------------------------------------------

    def __len__(self) -> int:
        return self.store.count()

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.store.has(key)

    def keys(self) -> list[str]:
        return self.store.keys()

    def get(self, key: str) -> Record:
        """The record under *key* (or merged into another under it: see ``merge``);
        NotFoundError (with close matches) otherwise."""
        return self.get_many([key])[0]

    def get_many(self, keys: Sequence[str]) -> list[Record]:
        """The records of *keys*, in that order; NotFoundError naming every unknown key.

        A key merged into another record (``merge``) still finds that record, and a notice
        says which key it has now.
        """
        records = self.store.get_many(keys)
        by_key = {r.key: r for r in records}
        missing = [k for k in keys if k not in by_key]
        if missing:
            aliases = self.store.aliases_of(missing)
            for alias, target in aliases.items():
                self.notices.append(f"'{alias}' was merged into '{target}': it is '{target}' now")
                found = self.store.get(target)
                if found is not None:
                    by_key[alias] = found
            unknown = [k for k in keys if k not in by_key]
            if unknown:
                raise self._unknown(unknown)
        return [by_key[k] for k in keys]

    def resolve_keys(self, keys: Sequence[str]) -> list[str]:
        """*keys* as the library has them now: a key merged into another record (``merge``)
        is that record's key (with a notice); NotFoundError naming every unknown key."""
        present = {key for key, _ in self.store.content_hashes(keys)}
        missing = [k for k in keys if k not in present]
        if not missing:
            return list(keys)
        return [r.key for r in self.get_many(keys)]

    def iter_records(self, keys: Sequence[str], *, chunk: int = 500) -> Iterator[Record]:
        """The records of *keys* in that order, read *chunk* at a time: for long listings,
        whose records need not all be in memory at once. Keys not (or no longer) in the
        library are skipped."""
        for start in range(0, len(keys), chunk):
            yield from self.store.get_many(keys[start : start + chunk])

    def all(self, sort: str = "added") -> list[Record]:
        """Every record, in one of the orders of ``store.SORTS``."""
        if sort not in SORTS:
            raise UsageError(f"unknown sort '{sort}'; choose from {', '.join(SORTS)}")
        return self.store.all(sort)

    def search(
        self, query: str, *, sort: str = "relevance", limit: int | None = None
    ) -> SearchResult:
        """The records matching *query* (see ``sarcref.query``), best first.

        An empty result is not an error here; QuerySyntaxError (a UsageError) when the
        query is malformed. *sort*: one of SEARCH_SORTS; *limit*: at most that many hits.
        """
        from .search import Highlighter, Hit, SearchResult

        tree, rows = self._search(query, sort, limit)
        records = {r.key: r for r in self.store.get_many([key for key, _ in rows])}
        # A record another command removed meanwhile is left out.
        hits = [Hit(records[key], score) for key, score in rows if key in records]
        return SearchResult(query, hits, Highlighter(tree))

    def search_keys(
        self, query: str, *, sort: str = "relevance", limit: int | None = None
    ) -> list[str]:
        """The keys of ``search(query, sort=sort, limit=limit)``, without loading records."""
        return [key for key, _ in self._search(query, sort, limit)[1]]

    def _search(
        self, query: str, sort: str, limit: int | None
    ) -> tuple[Node, list[tuple[str, float | None]]]:
        from .query import compile_query, parse

        if sort not in SEARCH_SORTS:
            raise UsageError(f"unknown sort '{sort}'; choose from {', '.join(SEARCH_SORTS)}")
        if limit is not None and limit < 1:
            raise UsageError(f"the limit must be 1 or more, not {limit}")
        tree = parse(query)
        return tree, self.store.search(compile_query(tree), sort, limit)

    def suggest(self, key: str, limit: int = 5) -> list[str]:
        """Keys close to *key*, best first."""
        import difflib

        keys = self.keys()
        close = difflib.get_close_matches(key, keys, n=limit, cutoff=0.6)
        folded = key.casefold()
        prefixed = [k for k in keys if k.casefold().startswith(folded) and k not in close]
        return (close + prefixed)[:limit]

    def _unknown(self, keys: Sequence[str]) -> NotFoundError:
        listed = ", ".join(f"'{k}'" for k in keys)
        noun = "key" if len(keys) == 1 else "keys"
        suggestions = self.suggest(keys[0]) if len(keys) == 1 else []
        hint = (
            "did you mean " + ", ".join(suggestions) + "?"
            if suggestions
            else "`sarcref list --format keys` shows every key"
        )
        return NotFoundError(f"no record with {noun} {listed}", hint=hint)

    # -- changing -----------------------------------------------------------------------

    def add(self, record: Record | dict[str, Any]) -> Record:
        """Add a record (a Record or its stored JSON form) under a key not yet taken."""
        if not isinstance(record, Record):
            record = Record.from_json(record)
        if self.store.has(record.key):
            raise DataError(f"a record with key '{record.key}' already exists")
        self.store.insert(record)
        return record

    def update(self, record: Record, *, expected: Record | None = None) -> Record:
        """Replace the stored record with the same key.

        With *expected* (the record as it was read before the change was made, e.g. before
        an editor opened), the change is refused with ConflictError when the stored record
        is no longer that: another command changed it meanwhile, and writing would undo it.
        """
        with self.store.write():
            current = self.store.get(record.key)
            if current is None:
                raise self._unknown([record.key])
            if expected is not None and current.to_json() != expected.to_json():
                raise ConflictError(
                    f"'{record.key}' was changed by another command while you edited it"
                )
            self.store.update(record)
        return record

    def duplicate_groups(self) -> list[list[tuple[str, str]]]:
        """The groups of records that are one work (see ``duplicates``): each a list of
        (key, reason), the first the record the others duplicate."""
        from .duplicates import groups

        return groups(self.store.fingerprints())

    def merge(self, keep: str, others: Sequence[str]) -> Record:
        """Merge *others* into *keep*, in one transaction: fields combine as
        ``duplicates.merge_records`` says, and the others' keys stay as aliases of *keep*."""
        from .duplicates import merge_records

        if keep in others:
            raise UsageError(f"'{keep}' cannot be merged into itself")
        with self.store.write():
            merged = self.get(keep)
            if merged.key != keep:
                raise UsageError(f"'{keep}' is a merged key: merge into '{merged.key}'")
            for other in dict.fromkeys(others):
                record = self.get(other)
                if record.key != other:
                    raise UsageError(f"'{other}' is already merged into '{record.key}'")
                merged = merge_records(merged, record)
                self.store.merge_into(keep, other)
            self.store.update(merged)
        return merged

    def rename(self, old: str, new: str) -> Record:
        """Give the record *old* the key *new* (the only way a key changes); its tags go
        with it. UsageError when *new* is not a valid key or is taken."""
        from .keys import check_new_key

        check_new_key(new)
        with self.store.write():
            record = self.get(old)
            if new == old:
                return record
            if self.store.has(new) or self.store.aliases_of([new]):
                raise UsageError(
                    f"the key '{new}' is taken by another record",
                    hint="choose another key, or `sarcref show " + new + "` to see it",
                )
            self.store.rename(old, new)
        return self.get(new)

    def remove(self, keys: Iterable[str]) -> list[str]:
        """Remove records, all or none: an unknown key removes nothing."""
        wanted = list(dict.fromkeys(keys))
        with self.store.write():
            missing = [k for k in wanted if not self.store.has(k)]
            if missing:
                raise self._unknown(missing)
            self.store.delete(wanted)
        return wanted

    def add_many(self, records: Sequence[Record]) -> list[Record]:
        """Add records under keys not yet taken, in one transaction (all or none)."""
        from collections import Counter

        keys = Counter(r.key for r in records)
        with self.store.write():
            clashes = [k for k, n in keys.items() if n > 1 or self.store.has(k)]
            if clashes:
                listed = ", ".join(f"'{k}'" for k in clashes[:5])
                raise DataError(f"keys already taken: {listed}")
            self.store.insert_many(records)
        return list(records)

    def import_records(
        self,
        records: Iterable[Record],
        *,
        on_duplicate: str = "skip",
        dry_run: bool = False,
        source: str = "<records>",
    ) -> ImportReport:
        """Add records the way ``sarcref import`` does: duplicates found, keys given."""
        from .formats.model import SourceRecord
        from .importing import import_items

        items = [SourceRecord(r, source, None) for r in records]
        return import_items(self.store, items, on_duplicate=on_duplicate, dry_run=dry_run)

    def import_sources(self, sources: Sequence[Source], **options: Any) -> ImportReport:
        """Import files' text (``importing.Source``) as ``sarcref import`` does, in one
        transaction; *options* are those of ``importing.import_sources``."""
        from .importing import import_sources

        return import_sources(self.store, list(sources), **options)

    # -- the rendered-citation cache ------------------------------------------------------

    def content_hashes(self, keys: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(key, hash of the record's CSL-JSON) of *keys* that exist (all records without)."""
        return self.store.content_hashes(keys)

    def cached_output(self, cache_key: str) -> str | None:
        return self.store.cache_get_many([cache_key]).get(cache_key)

    def cache_output(self, cache_key: str, text: str) -> None:
        """Keep a rendered output (skipped when the library cannot be written)."""
        self.store.cache_put_many({cache_key: text})

    def edit(self, key: str, set_fields: Iterable[str] = (), unset: Iterable[str] = ()) -> Record:
        """Change fields of a record: ``set_fields`` as FIELD=VALUE, ``unset`` as FIELD."""
        from .editing import apply_changes

        with self.store.write():
            record = apply_changes(self.get(key), set_fields, unset)
            self.store.update(record)
        return record

    def tag(self, key: str, changes: Iterable[str]) -> Record:
        """Add (``+tag``) and remove (``-tag``) tags of a record."""
        from .editing import change_tags

        with self.store.write():
            record = change_tags(self.get(key), changes)
            self.store.update(record)
        return record

    # -- the change journal ---------------------------------------------------------------

    def history(self, key: str | None = None, *, limit: int | None = None) -> list[Change]:
        """The journal's entries, newest first: all, or those that touched *key* (before or
        after a rename). Each holds its records' states before and after; see ``journal``."""
        from .journal import history

        if limit is not None and limit < 1:
            raise UsageError(f"the limit must be 1 or more, not {limit}")
        return history(self.store, key, limit=limit)

    def change(self, number: int) -> Change:
        """The journal entry *number*, with every record it touched; NotFoundError."""
        from .journal import change

        found = change(self.store, number)
        if found is None:
            raise NotFoundError(
                f"no change #{number} in the journal",
                hint="`sarcref history` lists the changes with their numbers",
            )
        return found

    def undo(self, change: int | None = None, *, force: bool = False) -> Change:
        """Revert the journal entry *change* (default: the newest) as a new entry, which
        ``undo`` can revert in turn; see ``reverting.undo`` for the refusals."""
        from .reverting import undo

        return undo(self.store, change, force=force)

    def restore(self, key: str) -> Record:
        """Bring back the removed record *key* with its tags; see ``reverting.restore``."""
        from .reverting import restore

        return restore(self.store, key)

    def prune_history(self, before: str | datetime) -> tuple[int, int]:
        """Drop journal entries older than *before* (a datetime, a date ``2024-01-31`` or
        a number of days ``90d``); a connected library keeps those no sync has sent yet.
        Returns (entries dropped, unsent entries kept). UsageError for a bad *before*."""
        from .journal import parse_before, prune

        moment = parse_before(before) if isinstance(before, str) else before
        unsent = self.store.meta("sync.change")
        return prune(self.store, moment, keep_after=int(unsent) if unsent is not None else None)
