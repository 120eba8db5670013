"""The change journal: every command that writes records leaves one entry in the library.

An entry (a row of ``changes``) holds the command line, the time, and for each record it
touched the record's state before and after (rows of ``change_records``). The store
writes the entry in the same transaction as the change (see ``Store.write``), so no
command can change records without a trace, and a failed command leaves none.

What is stored is what undoing needs, compressed: a record's state is its stored JSON
(``Record.to_json``) and the aliases that name it (``merge``), as zlib-compressed JSON. A
record that did not exist before (an insert) has no "before", and its "after" is not kept
either: undoing an insert only removes the record, and the undo keeps the state it removed.
So an import of 16,500 records costs one small row per record.

>>> entries = history(store)              # newest first
>>> entries[0].command
'sarcref tag lerman2015local +sarcoma'
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .store import in_chunks

if TYPE_CHECKING:
    from datetime import datetime

    from .store import Store

# What the journal says ran when the Python API (not the command line) changed records.
API_COMMAND = "python API"
# Entry kinds: a command's own change, an undo of another entry, changes a sync brought in.
COMMAND, UNDO, SYNC = "command", "undo", "sync"

SCHEMA = """
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    command TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'command',
    undoes INTEGER
);
CREATE INDEX changes_time ON changes (time);
CREATE TABLE change_records (
    change_id INTEGER NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    new_key TEXT,
    had INTEGER NOT NULL,
    has INTEGER NOT NULL,
    before BLOB,
    after BLOB
);
CREATE INDEX change_records_change ON change_records (change_id);
CREATE INDEX change_records_key ON change_records (key);
CREATE INDEX change_records_new_key ON change_records (new_key) WHERE new_key IS NOT NULL
"""

# -- a record's state, as the journal keeps it -----------------------------------------------


@dataclass
class State:
    """A record as it was: its stored JSON (``Record.to_json``) and the aliases naming it."""

    record: dict[str, Any]
    aliases: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return str(self.record["id"])

    def encode(self) -> bytes:
        data: dict[str, Any] = {"record": self.record}
        if self.aliases:
            data["aliases"] = sorted(self.aliases)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return zlib.compress(text.encode("utf-8"), 6)

    @classmethod
    def decode(cls, blob: bytes) -> State:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        return cls(data["record"], list(data.get("aliases", [])))


# -- recording: what one write transaction did -------------------------------------------------


@dataclass
class _Row:
    key: str  # the record's key when the transaction began (or when it was created)
    had: bool
    before: bytes | None
    has: bool = True


class Recorder:
    """Collects, during one write transaction, the records it touches, and writes the entry.

    The store tells it *before* each change (``touched``, ``removed``, ``renamed``) or after
    an insert (``created``); the state before is read at the first touch, the state after
    once, when the entry is written: several changes to one record in one command (merge
    updates the record it keeps after moving the aliases to it) make one row.
    """

    def __init__(self, read_state: Any) -> None:
        self.read_state = read_state  # key -> State | None, inside the transaction
        # By the record's current key; None: a record this transaction added, and nothing
        # more (an import's thousands of records cost one dictionary entry each).
        self.rows: dict[str, _Row | None] = {}
        self.finished: list[tuple[str, _Row]] = []  # rows displaced by a rename onto them

    def _row(self, key: str) -> _Row:
        """The row of *key* (an existing record), made at its first touch."""
        row = self.rows.get(key)
        if row is None:
            if key in self.rows:  # added by this transaction: nothing to keep from before
                row = _Row(key, False, None)
            else:
                state = self.read_state(key)
                row = _Row(key, True, state.encode() if state else None)
            self.rows[key] = row
        return row

    def touched(self, key: str) -> None:
        """*key* (an existing record) is about to change."""
        self._row(key)

    def created(self, key: str) -> None:
        row = self.rows.get(key)
        if row is not None:
            row.has = True  # removed, then added again under the same key
        else:
            self.rows[key] = None

    def removed(self, key: str) -> None:
        self._row(key).has = False

    def renamed(self, old: str, new: str) -> None:
        row = self._row(old)
        del self.rows[old]
        displaced = self.rows.pop(new, None)
        if displaced is not None:
            self.finished.append((new, displaced))
        self.rows[new] = row

    def _values(self) -> Iterator[tuple[Any, ...]]:
        for current, row in [*self.finished, *self.rows.items()]:
            if row is None:
                yield (current, None, 0, 1, None, None)
                continue
            if not row.had and not row.has:
                continue  # added and removed again inside one command
            after = None
            if row.had and row.has:
                state = self.read_state(current)
                after = state.encode() if state else None
                if after == row.before:
                    continue
            new_key = current if row.has and current != row.key else None
            yield (row.key, new_key, int(row.had), int(row.has), row.before, after)

    def write(
        self, db: sqlite3.Connection, command: str, kind: str, undoes: int | None
    ) -> int | None:
        """Write the entry (nothing when no record changed); its number."""
        values = self._values()
        first = next(values, None)
        if first is None:
            return None
        from .store import now_iso

        cursor = db.execute(
            "INSERT INTO changes (time, command, kind, undoes) VALUES (?, ?, ?, ?)",
            (now_iso(), command, kind, undoes),
        )
        change_id = cursor.lastrowid
        db.executemany(
            "INSERT INTO change_records (change_id, key, new_key, had, has, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((change_id, *row) for row in itertools.chain([first], values)),
        )
        return change_id


# -- reading ---------------------------------------------------------------------------------


@dataclass
class RecordChange:
    """What one entry did to one record: ``action`` is added, removed, changed or renamed
    (a rename may change fields too)."""

    key: str
    new_key: str | None
    had: bool
    has: bool
    before: State | None
    after: State | None

    @property
    def action(self) -> str:
        if not self.had:
            return "added"
        if not self.has:
            return "removed"
        return "renamed" if self.new_key else "changed"

    @property
    def current_key(self) -> str:
        """The record's key after the change."""
        return self.new_key or self.key

    def fields(self) -> list[FieldChange]:
        """Field by field, what a change did (empty for an insert or a removal)."""
        if self.before is None or self.after is None:
            return []
        return field_changes(self.before, self.after)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "action": self.action}
        if self.new_key:
            data["new_key"] = self.new_key
        changes = self.fields()
        if changes:
            data["fields"] = [c.to_json() for c in changes]
        return data


@dataclass
class FieldChange:
    """One field's values before and after (None: the field was absent)."""

    field: str
    before: Any
    after: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


# Times a change always moves: not worth listing field by field.
_QUIET_FIELDS = frozenset({"id", "sarcref.modified"})


def flatten(state: State) -> dict[str, Any]:
    """A record's fields by name: CSL variables, ``sarcref.NAME`` for sarcref's own,
    ``sarcref.tags`` for the tags, ``aliases`` for the keys merged into it."""
    flat: dict[str, Any] = {}
    for name, value in state.record.items():
        if name == "sarcref" and isinstance(value, dict):
            flat.update((f"sarcref.{sub}", sub_value) for sub, sub_value in value.items())
        else:
            flat[name] = value
    if state.aliases:
        flat["aliases"] = sorted(state.aliases)
    return flat


def field_changes(before: State, after: State) -> list[FieldChange]:
    old, new = flatten(before), flatten(after)
    names = [*old, *(n for n in new if n not in old)]
    return [
        FieldChange(n, old.get(n), new.get(n))
        for n in names
        if n not in _QUIET_FIELDS and old.get(n) != new.get(n)
    ]


@dataclass
class Change:
    """One journal entry."""

    id: int
    time: str
    command: str
    kind: str
    undoes: int | None
    records: list[RecordChange]
    # How many records the entry touched, by action (``records`` may hold only the first).
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def keys(self) -> list[str]:
        """Every key the entry names: before and after a rename."""
        keys = []
        for change in self.records:
            keys.append(change.key)
            if change.new_key:
                keys.append(change.new_key)
        return list(dict.fromkeys(keys))

    def summary(self) -> str:
        """One line: what the entry did, by action."""
        by_action: dict[str, list[RecordChange]] = {}
        for change in self.records:
            by_action.setdefault(change.action, []).append(change)
        parts = []
        for action in ("added", "changed", "renamed", "removed"):
            found = by_action.get(action, [])
            if not found:
                continue
            if action == "renamed":
                names = [f"{c.key} -> {c.new_key}" for c in found[:3]]
            else:
                names = [c.key for c in found[:3]]
            more = max(self.counts.get(action, 0), len(found)) - len(names)
            listed = ", ".join(names) + (f" and {more} more" if more else "")
            parts.append(f"{action} {listed}")
        return "; ".join(parts) or "no records"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time,
            "command": self.command,
            "kind": self.kind,
            "undoes": self.undoes,
            "count": self.count,
            "records": [r.to_json() for r in self.records],
        }


_RECORD_COLUMNS = "change_id, key, new_key, had, has, before, after"


def _record_change(row: Sequence[Any]) -> RecordChange:
    _, key, new_key, had, has, before, after = row
    return RecordChange(
        key,
        new_key,
        bool(had),
        bool(has),
        State.decode(before) if before is not None else None,
        State.decode(after) if after is not None else None,
    )


def _entry(db: sqlite3.Connection, row: Sequence[Any], records: list[RecordChange]) -> Change:
    change_id, time, command, kind, undoes = row
    counts = db.execute(
        "SELECT CASE WHEN had = 0 THEN 'added' WHEN has = 0 THEN 'removed'"
        " WHEN new_key IS NOT NULL THEN 'renamed' ELSE 'changed' END, count(*)"
        " FROM change_records WHERE change_id = ? GROUP BY 1",
        (change_id,),
    ).fetchall()
    return Change(int(change_id), str(time), str(command), str(kind), undoes, records, dict(counts))


def history(
    store: Store, key: str | None = None, *, limit: int | None = None, detail: int = 50
) -> list[Change]:
    """Journal entries, newest first: every one, or those that touched *key* (under that
    key before or after a change). Each entry holds at most *detail* of its records (all
    of them for *key*: that record's rows)."""
    with store.read() as db:
        if key is None:
            sql = "SELECT id, time, command, kind, undoes FROM changes ORDER BY id DESC"
            params: tuple[Any, ...] = ()
        else:
            sql = (
                "SELECT id, time, command, kind, undoes FROM changes WHERE id IN"
                " (SELECT change_id FROM change_records WHERE key = ? OR new_key = ?)"
                " ORDER BY id DESC"
            )
            params = (key, key)
        if limit is not None:
            sql += " LIMIT ?"
            params = (*params, limit)
        entries = [_entry(db, row, []) for row in db.execute(sql, params).fetchall()]
        for entry in entries:
            if key is None:
                rows = db.execute(
                    f"SELECT {_RECORD_COLUMNS} FROM change_records WHERE change_id = ?"
                    " ORDER BY rowid LIMIT ?",
                    (entry.id, detail),
                )
            else:
                rows = db.execute(
                    f"SELECT {_RECORD_COLUMNS} FROM change_records WHERE change_id = ?"
                    " AND (key = ? OR new_key = ?) ORDER BY rowid",
                    (entry.id, key, key),
                )
            entry.records = [_record_change(row) for row in rows]
    return entries


def change(store: Store, change_id: int) -> Change | None:
    """One entry with all its records, or None when there is none with that number."""
    with store.read() as db:
        row = db.execute(
            "SELECT id, time, command, kind, undoes FROM changes WHERE id = ?", (change_id,)
        ).fetchone()
        if row is None:
            return None
        rows = db.execute(
            f"SELECT {_RECORD_COLUMNS} FROM change_records WHERE change_id = ? ORDER BY rowid",
            (change_id,),
        ).fetchall()
        return _entry(db, row, [_record_change(r) for r in rows])


def last_change_id(store: Store) -> int:
    """The number of the newest entry (0 when the journal is empty)."""
    with store.read() as db:
        (found,) = db.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
    return int(found)


def later_changes(store: Store, after: int, keys: Iterable[str]) -> dict[int, list[str]]:
    """{entry number: the keys of *keys* it touched} for entries newer than *after*."""
    wanted = list(dict.fromkeys(keys))
    found: dict[int, list[str]] = {}
    with store.read() as db:
        for chunk, marks in in_chunks(wanted, 400):  # each key is asked twice
            rows = db.execute(
                "SELECT change_id, key, new_key FROM change_records WHERE change_id > ?"
                f" AND (key IN ({marks}) OR new_key IN ({marks}))",
                (after, *chunk, *chunk),
            )
            chosen = set(chunk)
            for change_id, key, new_key in rows:
                names = found.setdefault(change_id, [])
                names += [k for k in (key, new_key) if k in chosen and k not in names]
    return dict(sorted(found.items()))


def keys_changed_since(store: Store, after: int) -> tuple[set[str], list[tuple[int, str, str]]]:
    """The keys entries newer than *after* touched (before and after renames), and those
    entries' (number, time, command) that were not brought in by a sync."""
    keys: set[str] = set()
    with store.read() as db:
        for key, new_key in db.execute(
            "SELECT key, new_key FROM change_records WHERE change_id > ?", (after,)
        ):
            keys.add(key)
            if new_key:
                keys.add(new_key)
        commands = [
            (int(i), str(t), str(c))
            for i, t, c in db.execute(
                "SELECT id, time, command FROM changes WHERE id > ? AND kind != ? ORDER BY id",
                (after, SYNC),
            )
        ]
    return keys, commands


def oldest_change_id(store: Store) -> int | None:
    with store.read() as db:
        (found,) = db.execute("SELECT min(id) FROM changes").fetchone()
    return None if found is None else int(found)


def last_removal(store: Store, key: str) -> RecordChange | None:
    """The newest journal row in which the record *key* stopped existing (``rm``, a merge
    into another record, an undo of its import), with its state before."""
    with store.read() as db:
        row = db.execute(
            f"SELECT {_RECORD_COLUMNS} FROM change_records"
            " WHERE key = ? AND has = 0 AND before IS NOT NULL ORDER BY change_id DESC LIMIT 1",
            (key,),
        ).fetchone()
    return _record_change(row) if row else None


# -- pruning ---------------------------------------------------------------------------------


def parse_before(text: str, *, now: datetime | None = None) -> datetime:
    """``--prune BEFORE``: a date (``2024-01-31``, or a full ISO time) or a number of days
    (``90d``, meaning 90 days ago), as an aware UTC time; UsageError otherwise."""
    from datetime import datetime, timedelta, timezone

    value = text.strip()
    now = now or datetime.now(timezone.utc)
    if value[:-1].isdigit() and value.endswith("d") and value.isascii():
        return now - timedelta(days=int(value[:-1]))
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"'{text}' is neither a date nor a number of days",
            hint="give a date such as 2024-01-31, or days such as 90d",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def prune(store: Store, before: datetime, *, keep_after: int | None = None) -> tuple[int, int]:
    """Drop the entries older than *before*, but none newer than entry *keep_after*
    (changes a sync has not sent yet); (entries dropped, old entries kept for the sync)."""
    from datetime import timezone

    stamp = before.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    stamp = stamp.replace("+00:00", "Z")
    with store.write() as db:
        if keep_after is None:
            return db.execute("DELETE FROM changes WHERE time < ?", (stamp,)).rowcount, 0
        dropped = db.execute(
            "DELETE FROM changes WHERE time < ? AND id <= ?", (stamp, keep_after)
        ).rowcount
        (kept,) = db.execute("SELECT count(*) FROM changes WHERE time < ?", (stamp,)).fetchone()
    return dropped, int(kept)


def size(store: Store) -> tuple[int, int]:
    """(entries, bytes of stored states): what the journal costs."""
    with store.read() as db:
        (entries,) = db.execute("SELECT count(*) FROM changes").fetchone()
        (stored,) = db.execute(
            "SELECT coalesce(sum(length(key) + coalesce(length(new_key), 0)"
            " + coalesce(length(before), 0) + coalesce(length(after), 0) + 16), 0)"
            " FROM change_records"
        ).fetchone()
    return int(entries), int(stored)
