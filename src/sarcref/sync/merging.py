"""sarcref's merge: per record and per field, three-way against the last synced state.

Records are compared in their stored JSON form (``Record.to_json``; None: no such record).
For each field of a record, a change on one side lands; the same change on both sides is
no conflict; different changes to one field are a conflict, which keeps this library's
value ("mine") and records the other ("theirs"). A record's fields are its CSL variables
and sarcref's own fields (``sarcref.NAME``); tags merge as a set (a tag added on either
side is added, one removed on either side is removed), ``modified`` is the later of the
two and ``added`` the earlier, so neither is ever a conflict.

A record removed on one side and edited on the other is kept, with the edit. A key added
on both sides is one record when both are one work (by ``duplicates``' rules: the two are
combined as ``merge`` combines duplicates) and two records otherwise: this library's is
renamed (``doe2020`` -> ``doe2020a``). Works added on both sides under different keys are
reported as duplicates, never merged.

Merging is deterministic and the library that syncs second does it: the first one then
takes the result as it is, so every library ends with the same records.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..records import SARCREF_FIELD, Record

Json = dict[str, Any]
# Fields that never conflict: merged by their own rules.
TAGS, ADDED, MODIFIED = "tags", "added", "modified"
_TIMES = (ADDED, MODIFIED)
_ABSENT = object()


@dataclass
class Conflict:
    """A field changed to different values on both sides (None: the field was removed)."""

    key: str
    field: str
    mine: Any
    theirs: Any


@dataclass
class Merged:
    """What merging one key gave: the record (None: removed), conflicts, and a note."""

    record: Json | None
    conflicts: list[Conflict] = field(default_factory=list)
    note: str | None = None


def flat_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record's fields by name: CSL variables, and ``sarcref.NAME`` for sarcref's own."""
    flat = {name: value for name, value in record.items() if name != SARCREF_FIELD}
    own = record.get(SARCREF_FIELD)
    if isinstance(own, Mapping):
        flat.update((f"{SARCREF_FIELD}.{name}", value) for name, value in own.items())
    return flat


def from_fields(flat: Mapping[str, Any]) -> Json:
    """The record of ``flat_fields``."""
    record: Json = {}
    own: Json = {}
    prefix = f"{SARCREF_FIELD}."
    for name, value in flat.items():
        if name.startswith(prefix):
            own[name[len(prefix) :]] = value
        else:
            record[name] = value
    record[SARCREF_FIELD] = own
    return record


def _tags(record: Mapping[str, Any] | None) -> list[str]:
    own = (record or {}).get(SARCREF_FIELD) or {}
    tags = own.get(TAGS) or []
    return [str(t) for t in tags] if isinstance(tags, list) else []


def merge_tags(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    """Tags as a set, three ways: kept unless removed on a side, plus those either added.
    Tags compare without case; this library's spelling wins."""
    b = {t.casefold() for t in base}
    m = {t.casefold(): t for t in mine}
    t_ = {t.casefold(): t for t in theirs}
    kept = {k for k in b if k in m and k in t_}
    added = (set(m) - b) | (set(t_) - b)
    return sorted((m.get(k) or t_[k] for k in kept | added), key=str.casefold)


def _times(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """``added``: the earlier; ``modified``: the later (ISO times in UTC sort as text)."""
    mine_own = mine.get(SARCREF_FIELD) or {}
    theirs_own = theirs.get(SARCREF_FIELD) or {}
    times = {}
    for name, choose in ((ADDED, min), (MODIFIED, max)):
        values = [str(v) for v in (mine_own.get(name), theirs_own.get(name)) if v]
        if values:
            times[name] = choose(values)
    return times


def merge_fields(key: str, base: Json | None, mine: Json, theirs: Json) -> Merged:
    """Both sides have the record: merge it field by field (*base* None: both added it)."""
    b, m, t = flat_fields(base or {}), flat_fields(mine), flat_fields(theirs)
    special = {f"{SARCREF_FIELD}.{name}" for name in (TAGS, *_TIMES)}
    result: dict[str, Any] = {}
    conflicts = []
    for name in [*m, *(n for n in t if n not in m), *(n for n in b if n not in m and n not in t)]:
        if name in special:
            continue
        bv, mv, tv = b.get(name, _ABSENT), m.get(name, _ABSENT), t.get(name, _ABSENT)
        if mv == tv or tv == bv:
            chosen = mv
        elif mv == bv:
            chosen = tv
        else:
            chosen = mv
            conflicts.append(
                Conflict(key, name, None if mv is _ABSENT else mv, None if tv is _ABSENT else tv)
            )
        if chosen is not _ABSENT:
            result[name] = chosen
    merged = from_fields(result)
    merged[SARCREF_FIELD][TAGS] = merge_tags(_tags(base), _tags(mine), _tags(theirs))
    merged[SARCREF_FIELD].update(_times(mine, theirs))
    return Merged(merged, conflicts)


def merge_record(key: str, base: Json | None, mine: Json | None, theirs: Json | None) -> Merged:
    """Merge one key whose record existed in *base* (or on one side only)."""
    if mine == theirs:
        return Merged(mine)
    if mine is None or theirs is None:
        other, here = (theirs, "here") if mine is None else (mine, "there")
        changed = (theirs if mine is None else mine) != base
        if base is None or not changed:
            return Merged(other if base is None else None)
        side = "edited there" if mine is None else "edited here"
        return Merged(other, note=f"removed {here}, {side}: kept with the edit")
    if mine == base:
        return Merged(theirs)
    if theirs == base:
        return Merged(mine)
    return merge_fields(key, base, mine, theirs)


def _without_times(record: Json) -> Json:
    copied = copy.deepcopy(record)
    own = copied.get(SARCREF_FIELD) or {}
    for name in _TIMES:
        own.pop(name, None)
    return copied


@dataclass
class Plan:
    """The merge of every key two sides changed since the last synced state."""

    records: dict[str, Json | None] = field(default_factory=dict)  # by key; None: removed
    # Keys this library must move first: its record lands under a new key (key clash).
    renames: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def plan(
    base: Mapping[str, Json | None],
    mine: Mapping[str, Json | None],
    theirs: Mapping[str, Json | None],
    taken: Callable[[], set[str]],
) -> Plan:
    """Merge every key of *base*, *mine* and *theirs* (the states of the keys either side
    changed; a key missing from a mapping has no record there). *taken* gives every key in
    use on either side (keys and aliases), asked only when a clash needs a new key."""
    from ..duplicates import DuplicateIndex, fingerprint, merge_records
    from ..keys import KeyAllocator

    result = Plan()
    allocator: KeyAllocator | None = None
    # Records added since the last sync on one side only, to look for one work twice.
    new_mine: list[Json] = []
    new_theirs: list[Json] = []
    for key in sorted({*base, *mine, *theirs}):
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        if b is None and m is not None and t is not None and m != t:
            if _without_times(m) == _without_times(t):
                result.records[key] = merge_fields(key, None, m, t).record
                continue
            mine_record, theirs_record = Record.from_json(m), Record.from_json(t)
            match = DuplicateIndex([fingerprint(theirs_record)]).find(fingerprint(mine_record))
            if match is not None:
                combined = merge_records(theirs_record, mine_record).to_json()
                own = combined[SARCREF_FIELD]
                own[TAGS] = merge_tags([], _tags(m), _tags(t))
                own.update(_times(m, t))
                result.records[key] = combined
                result.notes.append(
                    f"{key}: added on both sides as one work ({match.reason}): combined"
                )
                continue
            if allocator is None:
                allocator = KeyAllocator(taken())
            new_key = allocator.allocate(key)
            moved = copy.deepcopy(m)
            moved["id"] = new_key
            result.renames.append((key, new_key))
            result.records[new_key] = moved
            result.records[key] = t
            result.notes.append(
                f"{key}: another work has this key in the shared library; "
                f"this library's record is now '{new_key}'"
            )
            continue
        merged = merge_record(key, b, m, t)
        result.records[key] = merged.record
        result.conflicts += merged.conflicts
        if merged.note:
            result.notes.append(f"{key}: {merged.note}")
        if b is None and m is not None and t is None:
            new_mine.append(m)
        elif b is None and t is not None and m is None:
            new_theirs.append(t)
    if new_mine and new_theirs:
        index = DuplicateIndex(fingerprint(Record.from_json(r)) for r in new_theirs)
        for data in new_mine:
            record = Record.from_json(data)
            found = index.find(fingerprint(record))
            if found is not None:
                result.notes.append(
                    f"{record.key}: added here, and '{found.key}' added there look like one "
                    f"work ({found.reason}); `sarcref merge {found.key} {record.key}` merges them"
                )
    return result
