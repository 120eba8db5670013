"""``undo`` and ``restore``: records put back as the journal kept them.

An undo is itself a change (a journal entry of kind ``undo`` naming the entry it undid),
so an undo can be undone. It puts every record the entry touched back as it was before the
entry, times and aliases included, and refuses when a later entry touched one of those
records (its change would be lost) unless forced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import NotFoundError, UsageError
from .journal import UNDO, Change, RecordChange, State, change, last_change_id, later_changes
from .journal import last_removal as _last_removal
from .records import Record

if TYPE_CHECKING:
    from .store import Store


def undo(store: Store, change_id: int | None = None, *, force: bool = False) -> Change:
    """Revert the journal entry *change_id* (default: the newest); the new entry.

    NotFoundError when there is no such entry (or nothing to undo); UsageError naming the
    records and the entries when a later entry touched the same records (unless *force*),
    or when a record cannot go back under its key because another record has it now.
    """
    with store.write():
        target = change_id if change_id is not None else last_change_id(store)
        if target == 0:
            raise NotFoundError("nothing to undo: the journal is empty")
        entry = change(store, target)
        if entry is None:
            raise NotFoundError(
                f"no change #{target} in the journal",
                hint="`sarcref history` lists the changes with their numbers",
            )
        later = later_changes(store, entry.id, entry.keys)
        if later and not force:
            keys = list(dict.fromkeys(k for names in later.values() for k in names))
            numbers = ", ".join(f"#{n}" for n in later)
            raise UsageError(
                f"change #{entry.id} cannot be undone: later changes ({numbers}) touched "
                + ", ".join(f"'{k}'" for k in keys[:10])
                + (f" and {len(keys) - 10} more" if len(keys) > 10 else ""),
                hint=f"undo those first, or `sarcref undo {entry.id} --force` to put the "
                "records back as they were before it anyway",
            )
        store.label_change(UNDO, entry.id)
        _revert(store, entry.records)
    done = change(store, store.last_change) if store.last_change is not None else None
    if done is None:
        raise NotFoundError(f"undoing change #{entry.id} changes nothing now")
    return done


def _revert(store: Store, rows: list[RecordChange]) -> None:
    # Records the entry added go first, so that a key they hold is free for one coming back.
    for row in rows:
        if not row.had and store.has(row.current_key):
            store.delete([row.current_key])
    for row in rows:
        if not row.had or row.before is None:
            continue
        current = row.current_key if row.has and store.has(row.current_key) else None
        if current is not None and current != row.key:
            if store.has(row.key):
                raise UsageError(
                    f"'{current}' cannot go back to its key '{row.key}': another record has it",
                    hint=f"rename that record first (`sarcref rename {row.key} NEW`)",
                )
            store.rename(current, row.key)
            current = row.key
        _put(store, row.before, exists=current is not None or store.has(row.key))


def _put(store: Store, state: State, *, exists: bool) -> Record:
    """Write *state* exactly (times and tags as they were) and give it its aliases back
    (those that name no record now)."""
    record = Record.from_json(state.record, where=f"the journal's copy of '{state.key}'")
    if exists:
        store.replace(record)
    else:
        store.insert(record)
    taken = {key for key, _ in store.content_hashes(state.aliases)} if state.aliases else set()
    free = [alias for alias in state.aliases if alias not in taken]
    if free or store.aliases_for(record.key):
        store.set_aliases(record.key, free)
    return record


def restore(store: Store, key: str) -> Record:
    """Bring back the record *key* as it was when it was removed (``rm``, or merged into
    another, or its import undone): fields, tags and times.

    UsageError (exit 2) when *key* is taken now (by a record or as an alias);
    NotFoundError when the journal holds no removed record under that key (never
    removed, or its entry pruned).
    """
    with store.write():
        if store.has(key):
            raise UsageError(
                f"the key '{key}' is taken now: a record has it",
                hint=f"`sarcref rename {key} NEW` frees it, then restore again",
            )
        owner = store.aliases_of([key]).get(key)
        if owner is not None:
            raise UsageError(
                f"the key '{key}' is taken now: it was merged into '{owner}' and names it",
                hint="`sarcref history " + key + "` shows the merge; `sarcref undo N` undoes it",
            )
        removal = _last_removal(store, key)
        if removal is None or removal.before is None:
            raise NotFoundError(
                f"no removed record '{key}' in the journal",
                hint=f"`sarcref history {key}` shows what the journal knows about it",
            )
        return _put(store, removal.before, exists=False)
