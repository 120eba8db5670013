"""What a library keeps about its sync: the remote, the last synced state, the conflicts.

Kept in the library file itself (its ``meta`` table and ``sync_conflicts``), so that the
"last synced state" moves in a transaction of the library, only after a push succeeded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..store import Store
    from .merging import Conflict

REMOTE, BRANCH, BASE, CHANGE, ID, LAST = (
    "sync.remote",
    "sync.branch",
    "sync.base",
    "sync.change",
    "sync.id",
    "sync.last",
)


@dataclass
class Settings:
    """A connected library's sync settings and its last synced state."""

    remote: str
    branch: str
    library_id: str
    base: str | None  # the commit of the last synced state (None: never synced)
    change: int | None  # the newest journal entry that state holds
    last: str | None  # when the last sync finished

    @property
    def clone(self) -> Path:
        """sarcref's own clone of the repository, in the user data folder."""
        from ..paths import user_folder

        return user_folder("data") / "sync" / self.library_id


def settings(store: Store) -> Settings | None:
    """The sync settings, or None when the library is not connected."""
    remote = store.meta(REMOTE)
    if remote is None:
        return None
    change = store.meta(CHANGE)
    return Settings(
        remote=remote,
        branch=store.meta(BRANCH) or "main",
        library_id=store.meta(ID) or "default",
        base=store.meta(BASE) or None,
        change=int(change) if change else None,
        last=store.meta(LAST),
    )


def required(store: Store) -> Settings:
    found = settings(store)
    if found is None:
        raise UsageError(
            "this library is not shared yet",
            hint="`sarcref sync init REMOTE` connects it to a git repository",
        )
    return found


# -- conflicts --------------------------------------------------------------------------


@dataclass
class StoredConflict:
    key: str
    field: str
    mine: Any  # None: the field is absent
    theirs: Any
    found: str

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "field": self.field, "mine": self.mine, "theirs": self.theirs}


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def add_conflicts(store: Store, conflicts: list[Conflict], stamp: str) -> None:
    with store.write() as db:
        db.executemany(
            "INSERT OR REPLACE INTO sync_conflicts VALUES (?, ?, ?, ?, ?)",
            [(c.key, c.field, _dump(c.mine), _dump(c.theirs), stamp) for c in conflicts],
        )


def conflicts(store: Store, key: str | None = None) -> list[StoredConflict]:
    with store.read() as db:
        sql = "SELECT key, field, mine, theirs, found FROM sync_conflicts"
        rows = (
            db.execute(f"{sql} WHERE key = ? ORDER BY field", (key,))
            if key is not None
            else db.execute(f"{sql} ORDER BY key, field")
        )
        return [StoredConflict(k, f, _load(m), _load(t), w) for k, f, m, t, w in rows]


def drop_conflicts(store: Store, key: str, fields: list[str] | None = None) -> None:
    with store.write() as db:
        if fields is None:
            db.execute("DELETE FROM sync_conflicts WHERE key = ?", (key,))
        else:
            db.executemany(
                "DELETE FROM sync_conflicts WHERE key = ? AND field = ?",
                [(key, f) for f in fields],
            )
