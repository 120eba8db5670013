"""Watching files for changes by polling (``export --cited-in paper.md --watch``).

Polling each file's modification time, size and inode every half second costs nothing
measurable for the handful of files a manuscript has, works on every platform and file
system (network mounts, containers) and needs no dependency. A change is reported once
the files have stayed the same for one more poll, so an editor's save in several steps
(truncate, write, rename) is seen as one change and never half-written.

A SQLite library changes through its ``-wal`` file first: ``library_files`` lists both.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

State = tuple[int, int, int] | None  # (mtime in ns, size, inode), None when absent
DEFAULT_INTERVAL = 0.5


def library_files(path: str | os.PathLike[str]) -> list[Path]:
    """The files whose changes change a library: the database and its write-ahead log."""
    database = Path(path)
    return [database, database.with_name(database.name + "-wal")]


def file_state(path: Path) -> State:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def snapshot(paths: Iterable[Path]) -> dict[Path, State]:
    return {path: file_state(path) for path in paths}


def watch(
    paths: Callable[[], Iterable[Path]],
    on_change: Callable[[list[Path]], None],
    *,
    interval: float = DEFAULT_INTERVAL,
    rounds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Call ``on_change(changed paths)`` each time files of ``paths()`` change, until
    interrupted (Ctrl-C raises KeyboardInterrupt out of here) or after *rounds* polls.

    ``paths`` is called again after each change, so files a manuscript starts to include
    are watched from then on. A file that appears or disappears counts as changed.
    """
    current = snapshot(paths())
    pending: dict[Path, State] | None = None  # a change seen, waiting to settle
    done = 0
    while rounds is None or done < rounds:
        sleep(interval)
        done += 1
        now = snapshot(current.keys())
        if pending is not None:
            if now == pending:
                changed = [p for p in now if now[p] != current.get(p)]
                pending = None
                if changed:
                    on_change(changed)
                # (states from before on_change: a save during it is seen next time)
                current = {p: now[p] if p in now else file_state(p) for p in paths()}
            else:
                pending = now  # still being written: wait one more poll
        elif now != current:
            pending = now
