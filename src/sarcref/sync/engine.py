"""``sarcref sync``: the steps, each safe to interrupt and to do again.

1. Fetch the remote branch into sarcref's own bare clone (``git fetch``).
2. In one write transaction of the library: the keys changed since the last synced state
   on each side (this side from the journal, the other from ``git diff-tree``), merged
   (see ``merging``); the result committed in the clone on top of the remote's commit
   (``git fast-import``: objects only), and written to the library (journaled as a sync).
3. Push that commit. Rejected because the remote moved: back to 1 (a few times).
4. Only then the library's "last synced state" (the commit, and the journal entry it
   holds) moves, in one small transaction.

A kill or Ctrl-C anywhere leaves the library either before or after step 2's transaction,
and the remote before or after the push; the next sync merges again from the last synced
state, and a change already made on both sides is no conflict, so it completes the work.
The clone holds nothing the next sync needs but git objects.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError, NotFoundError, TemporaryFailure, UsageError
from ..pausing import pause_point
from ..records import SARCREF_FIELD, Record
from . import state
from .files import (
    RECORDS,
    SETTINGS_FILE,
    key_of,
    path_of,
    read_format,
    read_record,
    record_text,
    settings_text,
)
from .git import Git
from .merging import Conflict, flat_fields, from_fields, plan

if TYPE_CHECKING:
    from ..library import Library
    from ..store import Store

# Pushes rejected because the remote moved meanwhile, before sync gives up for now.
PUSH_ATTEMPTS = 5
# How long a sync waits for another sync of the same library to finish.
LOCK_WAIT_SECONDS = 120.0
SYNC_REF = "refs/sarcref/sync"
# Commands listed in a sync commit's message, at most.
_LISTED = 50


@dataclass
class SyncReport:
    """What one sync did."""

    remote: str
    branch: str
    sent: list[str] = field(default_factory=list)  # keys whose change went to the remote
    received: list[str] = field(default_factory=list)  # keys changed here from the remote
    notes: list[str] = field(default_factory=list)
    conflicts: list[state.StoredConflict] = field(default_factory=list)  # all outstanding
    new_conflicts: int = 0
    commit: str | None = None
    attempts: int = 1

    @property
    def exit_code(self) -> int:
        """1 while conflicts wait for ``sync resolve``; 0 otherwise."""
        return 1 if self.conflicts else 0

    def lines(self) -> list[str]:
        out = list(self.notes)
        for conflict in self.conflicts:
            out.append(
                f"conflict: {conflict.key} {conflict.field}: kept {_show(conflict.mine)}, "
                f"the other side has {_show(conflict.theirs)}"
            )
        summary = (
            f"synced with {self.remote} ({self.branch}): sent {len(self.sent)}, "
            f"received {len(self.received)}"
        )
        if self.conflicts:
            summary += (
                f"; {len(self.conflicts)} conflicts: `sarcref sync resolve KEY --take "
                "mine|theirs|FIELD=VALUE` settles one"
            )
        return [*out, summary]

    def to_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote,
            "branch": self.branch,
            "commit": self.commit,
            "sent": self.sent,
            "received": self.received,
            "notes": self.notes,
            "conflicts": [c.to_json() for c in self.conflicts],
        }


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(str(text).split())
    return repr(text[:77] + "..." if len(text) > 80 else text)


@dataclass
class Status:
    """Where a library syncs to and what waits to be sent or settled."""

    remote: str
    branch: str
    clone: Path
    last: str | None
    commit: str | None
    unsent: int  # journal entries not yet sent
    conflicts: list[state.StoredConflict]

    def lines(self) -> list[str]:
        when = self.last or "never"
        out = [
            f"remote: {self.remote}",
            f"branch: {self.branch}",
            f"last sync: {when}" + (f" ({self.commit[:12]})" if self.commit else ""),
            f"changes not yet sent: {self.unsent}",
            f"conflicts: {len(self.conflicts)}",
            f"clone: {self.clone}",
        ]
        out += [f"conflict: {c.key} {c.field}" for c in self.conflicts]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote,
            "branch": self.branch,
            "clone": str(self.clone),
            "last": self.last,
            "commit": self.commit,
            "unsent": self.unsent,
            "conflicts": [c.to_json() for c in self.conflicts],
        }


# -- connecting ------------------------------------------------------------------------------


def _remote_address(remote: str) -> str:
    """A remote as git takes it: a local path made absolute (it must exist), else as given
    (a URL, or ``host:path`` as ssh takes it)."""
    text = remote.strip()
    if not text:
        raise UsageError("give the git repository to sync with: a URL or a path")
    if "://" in text:
        return text
    path = Path(text).expanduser()
    try:
        if path.exists():
            return str(path.resolve())
    except OSError:  # a name too long for the file system: not a path, then
        pass
    if text.startswith("-"):  # git would take it for an option (--upload-pack=...)
        raise UsageError(f"'{text}' is not a repository address: it starts with '-'")
    head = text.split("/", 1)[0]
    if ":" in head and not (len(head) == 2 and head[1] == ":"):  # host:path, not C:
        return text
    raise UsageError(
        f"no repository at {text}",
        hint=f"make an empty one with `git init --bare {text}`, or give a URL",
    )


def connect(library: Library, remote: str, *, branch: str = "main") -> Status:
    """``sarcref sync init REMOTE``: connect *library* to a git repository (its *branch*,
    created by the first sync when the repository is empty). The next ``sync`` merges the
    two as they are, removing nothing. UsageError for an in-memory library, an unusable
    branch name or a path without a repository; TemporaryFailure when the remote cannot be
    reached; DataError when it holds something other than a shared sarcref library."""
    store = library.store
    if not isinstance(store.path, Path):
        raise UsageError("an in-memory library cannot be shared")
    if not branch or branch.startswith("-") or any(c in branch for c in " ~^:?*[\\"):
        raise UsageError(f"'{branch}' is not a branch name git accepts")
    address = _remote_address(remote)
    library_id = store.meta(state.ID)
    if library_id is None:
        import uuid

        library_id = uuid.uuid4().hex
    settings = state.Settings(address, branch, library_id, None, None, None)
    with _locked(settings.clone):
        git = Git(settings.clone)
        git.init(address)
        found = git.fetch(branch, address)
        if found is not None:
            read_format(git.read([f"{found}:{SETTINGS_FILE}"])[0], address)
    current = state.settings(store)
    if current is not None and (current.remote, current.branch) == (address, branch):
        return status(library)  # connected already: the last synced state stays
    # Another repository: the first sync merges the two as they are, removing nothing.
    store.set_meta(
        {
            state.REMOTE: address,
            state.BRANCH: branch,
            state.ID: library_id,
            state.BASE: None,
            state.CHANGE: None,
            state.LAST: None,
        }
    )
    return status(library)


def status(library: Library) -> Status:
    """The sync settings of *library* and what waits; UsageError when it is not shared."""
    from ..journal import keys_changed_since

    settings = state.required(library.store)
    unsent = keys_changed_since(library.store, settings.change or 0)[1]
    return Status(
        settings.remote,
        settings.branch,
        settings.clone,
        settings.last,
        settings.base,
        len(unsent),
        state.conflicts(library.store),
    )


# -- syncing ---------------------------------------------------------------------------------


@contextmanager
def _locked(clone: Path) -> Iterator[int]:
    """One sync of a library at a time. The lock's descriptor is handed to every git the
    sync runs, so a git outliving a killed sync still holds it."""
    clone.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(clone.with_name(clone.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl
        except ImportError:  # Windows: one sync at a time is the user's care
            yield fd
            return
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TemporaryFailure(
                        "another sync of this library is still running",
                        hint="try again when it has finished",
                    ) from None
                time.sleep(0.05)
        yield fd
    finally:
        os.close(fd)


def sync(library: Library) -> SyncReport:
    """``sarcref sync``: send this library's changes since the last sync (one commit),
    fetch the others', merge, push. Conflicts do not stop it: they are in the report
    (and ``exit_code`` is 1). UsageError when the library is not shared (or git is
    missing or too old); TemporaryFailure when the remote cannot be reached (nothing is
    lost); DataError when the repository holds something sarcref cannot read."""
    store = library.store
    settings = state.required(store)
    report = SyncReport(settings.remote, settings.branch)
    with _locked(settings.clone) as lock:
        git = Git(settings.clone, keep_fds=[lock])
        git.clear_stale_locks()
        git.init(settings.remote)
        for attempt in range(1, PUSH_ATTEMPTS + 1):
            report.attempts = attempt
            remote = git.fetch(settings.branch, settings.remote)
            pause_point("sync-fetched")
            base = settings.base
            if base is not None and not git.has_commit(base):
                report.notes.append(
                    "the last synced state is no longer in the repository (its history was "
                    "rewritten): merged without removing anything"
                )
                base = None
            if remote is None and base is not None:
                raise DataError(
                    f"the branch '{settings.branch}' is gone from {settings.remote}",
                    hint="nothing was changed; push it back, or `sarcref sync init` another "
                    "repository",
                )
            if remote is not None:
                read_format(git.read([f"{remote}:{SETTINGS_FILE}"])[0], settings.remote)
            step = _merge(store, git, settings, base, remote, report)
            pause_point("sync-applied")
            pushed = step.commit == remote or git.push(
                step.commit, settings.branch, settings.remote
            )
            if not pushed:
                continue  # the remote moved: fetch and merge again
            pause_point("sync-pushed")
            from ..store import now_iso

            store.set_meta(
                {state.BASE: step.commit, state.CHANGE: str(step.watermark), state.LAST: now_iso()}
            )
            report.commit = step.commit
            report.conflicts = state.conflicts(store)
            report.notes = list(dict.fromkeys(report.notes))  # a retry may say one twice
            return report
    raise TemporaryFailure(
        f"{settings.remote} kept moving: {PUSH_ATTEMPTS} pushes were overtaken by others",
        hint="nothing was lost; sync again in a moment",
    )


@dataclass
class _Step:
    commit: str  # the commit the library now matches (pushed or to push)
    watermark: int  # the newest journal entry that commit holds


def _merge(
    store: Store,
    git: Git,
    settings: state.Settings,
    base: str | None,
    remote: str | None,
    report: SyncReport,
) -> _Step:
    """Merge and apply, in one write transaction of the library; the commit to push."""
    from ..journal import SYNC, keys_changed_since, last_change_id
    from ..store import now_iso

    with store.write():
        newest = last_change_id(store)
        commands: list[tuple[int, str, str]] = []
        mine: dict[str, dict[str, Any]] = {}
        full = base is None or settings.change is None
        if full:
            # A first sync: every record is this side's change.
            mine = {r.key: r.to_json() for r in store.iter_records()}
            candidates = set(mine)
        else:
            assert settings.change is not None
            candidates, commands = keys_changed_since(store, settings.change)
        if base is None:
            theirs_keys = _keys_in(git, remote)
        elif remote is not None and remote != base:
            theirs_keys = {k for k in map(key_of, git.changed(base, remote, RECORDS)) if k}
        else:
            theirs_keys = set()
        keys = sorted(candidates | theirs_keys)
        if not full:
            mine = {r.key: r.to_json() for r in store.get_many(keys)}
        base_states = _read_states(git, base, keys)
        theirs = _read_states(git, remote, keys)
        mine_states = {k: mine.get(k) for k in keys}

        def taken() -> set[str]:
            return set(store.keys()) | set(store.all_aliases()) | _keys_in(git, remote)

        merged = plan(base_states, mine_states, theirs, taken)
        files: dict[str, bytes | None] = {
            path_of(key): None if record is None else record_text(record).encode("utf-8")
            for key, record in merged.records.items()
            if record != theirs.get(key)
        }
        if remote is None:
            files[SETTINGS_FILE] = settings_text().encode("utf-8")
        commit = remote
        if files:
            message = _message(merged.notes, commands, base is None, len(files))
            commit = git.commit(SYNC_REF, remote, message, files, git.identity())
        assert commit is not None
        pause_point("sync-committed")
        store.label_change(SYNC)
        received = _apply(store, merged.records, merged.renames)
        report.received = sorted({*report.received, *received})
        report.sent = sorted(k for k, record in merged.records.items() if record != theirs.get(k))
        report.notes += merged.notes
        report.new_conflicts = len(merged.conflicts)
        state.add_conflicts(store, merged.conflicts, now_iso())
        _settle_stale_conflicts(store)
    return _Step(commit, store.last_change or newest)


def _keys_in(git: Git, commit: str | None) -> set[str]:
    if commit is None:
        return set()
    return {k for k in (key_of(e.path) for e in git.tree(commit, RECORDS)) if k}


def _read_states(git: Git, commit: str | None, keys: list[str]) -> dict[str, dict[str, Any] | None]:
    if commit is None:
        return dict.fromkeys(keys)
    paths = [path_of(k) for k in keys]
    # Blob ids first: git finds each ``commit:path`` by scanning the folder, which for many
    # records of a large library takes time in the square of its size.
    ids = git.blobs(commit, RECORDS, paths)
    present = [p for p in paths if p in ids]
    found = dict(zip(present, git.read(ids[p] for p in present), strict=True))
    blobs = [found.get(p) for p in paths]
    return {
        key: None if blob is None else read_record(blob, path)
        for key, path, blob in zip(keys, paths, blobs, strict=True)
    }


def _apply(
    store: Store, records: dict[str, dict[str, Any] | None], renames: list[tuple[str, str]]
) -> list[str]:
    """Make the library hold *records* exactly (times included); the keys it changed."""
    for old, new in renames:
        store.rename(old, new)
    current = {r.key: r.to_json() for r in store.get_many(sorted(records))}
    changed: list[str] = []
    inserts: list[Record] = []
    for key, wanted in sorted(records.items()):
        have = current.get(key)
        if wanted == have:
            continue
        changed.append(key)
        if wanted is None:
            store.delete([key])
        elif have is None:
            inserts.append(Record.from_json(wanted))
        else:
            store.replace(Record.from_json(wanted))
    if inserts:
        store.insert_many(inserts)
    return changed


def _settle_stale_conflicts(store: Store) -> None:
    """Forget conflicts the records no longer have: the record is gone, or its field now
    holds the other side's value (settled elsewhere)."""
    for conflict in state.conflicts(store):
        record = store.get(conflict.key)
        if record is None or flat_fields(record.to_json()).get(conflict.field) == conflict.theirs:
            state.drop_conflicts(store, conflict.key, [conflict.field])


def _message(
    notes: list[str], commands: list[tuple[int, str, str]], first: bool, files: int
) -> str:
    import socket

    host = socket.gethostname() or "a machine"
    lines = [f"sarcref sync from {host}: {files} files"]
    if first:
        lines += ["", "The first sync of this library."]
    if commands:
        lines += ["", "Changes:"]
        lines += [f"- {when} {command}" for _, when, command in commands[:_LISTED]]
        if len(commands) > _LISTED:
            lines.append(f"- and {len(commands) - _LISTED} more")
    if notes:
        lines += ["", "Merge notes:"] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


# -- settling conflicts -------------------------------------------------------------------------


def conflicts(library: Library, key: str | None = None) -> list[state.StoredConflict]:
    """The fields syncs left in conflict (of *key*, or all)."""
    return state.conflicts(library.store, key)


def resolve(library: Library, key: str, takes: list[str]) -> tuple[Record, list[str]]:
    """``sarcref sync resolve KEY --take mine|theirs|FIELD=VALUE``: settle the conflicts of
    *key*: keep this library's values (``mine``), take the other side's (``theirs``), or
    give a field a value (``FIELD=VALUE``, for fields in conflict; repeatable). The change
    is journaled and sent by the next sync. Returns the record and the fields settled.

    NotFoundError when *key* has no conflict; UsageError for a bad ``--take``."""
    store = library.store
    found = state.conflicts(store, key)
    if not found:
        raise NotFoundError(
            f"no conflict on '{key}'",
            hint="`sarcref sync status` lists the conflicts",
        )
    if not takes:
        raise UsageError("say what to take: --take mine, --take theirs or --take FIELD=VALUE")
    by_field = {c.field: c for c in found}
    whole = [t for t in takes if t in ("mine", "theirs")]
    if whole and len(takes) > 1:
        raise UsageError("--take mine or --take theirs stands alone")
    with store.write():
        record = library.get(key)
        data = flat_fields(record.to_json())
        if whole == ["mine"]:
            settled = list(by_field)
        elif whole == ["theirs"]:
            for conflict in found:
                _set(data, conflict.field, conflict.theirs)
            settled = list(by_field)
        else:
            settled = []
            for take in takes:
                name, equals, value = take.partition("=")
                name = name.strip()
                if not equals:
                    raise UsageError(f"--take takes mine, theirs or FIELD=VALUE, not '{take}'")
                if name not in by_field:
                    raise UsageError(
                        f"'{name}' of '{key}' is not in conflict",
                        hint="fields in conflict: " + ", ".join(by_field),
                    )
                _set(data, name, _value(name, value.strip()))
                settled.append(name)
        if whole != ["mine"]:
            changed = Record.from_json(from_fields(data), where=f"record '{key}'")
            library.update(changed)
            record = changed
        state.drop_conflicts(store, key, settled)
    return record, settled


def _set(data: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value


def _value(name: str, text: str) -> Any:
    """The value of ``--take FIELD=VALUE``: as ``edit --set`` reads it for a CSL field;
    JSON (else text) for sarcref's own."""
    if name.startswith(f"{SARCREF_FIELD}."):
        import json

        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    from ..editing import field_value

    return field_value(name, text)


__all__ = ["Conflict", "SyncReport", "Status", "connect", "sync", "status", "resolve"]
