"""Writing files safely, whatever the path names.

``write_output`` is how every ``--output FILE`` is written. The path may name anything: a
regular file (written through a temporary file and a rename, keeping its permissions), a
symbolic link (the file it points to is written, atomically there; the link stays), a file
with hard links (written in place once the whole text is known to fit, so the links stay
one file), a device or a FIFO (written straight into: ``/dev/stdout``, a named pipe), a
folder (refused), or the library itself (refused, whatever path names it: compared by
device and inode, and by resolved path for the library's ``-wal``/``-shm`` files).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import DataError, UsageError

# The files SQLite keeps beside a library.
LIBRARY_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _reason(error: OSError) -> str:
    return error.strerror or os.strerror(error.errno or errno.EIO)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to the regular file *path* through a temporary file and a rename.

    Readers see the old file or the new one, never half of it; an error or Ctrl-C leaves
    the old file as it was. The file keeps its permissions (and owner, where allowed).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise DataError(f"cannot write {target}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        try:
            before = target.stat()
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        else:
            os.chmod(temporary, stat.S_IMODE(before.st_mode))
            try:
                os.chown(temporary, before.st_uid, before.st_gid)
            except OSError:
                pass  # only root (or the owner, for the group) may: keep what we could
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DataError(f"cannot write {target}: {_reason(error)}") from None
        raise


def _same_file(path: Path, others: Sequence[str]) -> str | None:
    """The protected file *path* names, if it names one."""
    try:
        here = path.stat()
        identity = (here.st_dev, here.st_ino)
    except OSError:
        identity = None
    resolved = os.path.realpath(path)
    for other in others:
        for companion in LIBRARY_COMPANIONS:
            candidate = f"{other}{companion}"
            if resolved == os.path.realpath(candidate):
                return candidate
            if identity is not None:
                try:
                    there = os.stat(candidate)
                except OSError:
                    continue
                if (there.st_dev, there.st_ino) == identity:
                    return candidate
    return None


def write_output(path: str | os.PathLike[str], text: str, *, protect: Sequence[str] = ()) -> None:
    """Write *text* to what *path* names (see the module doc); *protect* lists files (the
    library) that must never be replaced: naming one is a UsageError (exit 2)."""
    target = Path(path)
    clash = _same_file(target, protect)
    if clash is not None:
        raise UsageError(
            f"{path} is the library file ({clash}): refusing to write over it",
            hint="give --output another file",
        )
    try:
        info = os.stat(target)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise DataError(f"cannot write {path}: {_reason(error)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder", hint="give --output a file name")
    if (info is not None and not stat.S_ISREG(info.st_mode)) or _names_a_stream(target):
        _write_straight(target, text)  # a device, a FIFO, a socket: no rename possible
        return
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    if info is not None and info.st_nlink > 1:
        _write_in_place(real, text)
        return
    write_atomic(real, text)


def _names_a_stream(target: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``: another process's open file, even
    when it is a regular file (``> out.txt``), which must be written through, not replaced."""
    return str(target.absolute()).startswith(("/dev/", "/proc/"))


def _write_straight(target: Path, text: str) -> None:
    data = text.encode("utf-8")
    flags = os.O_WRONLY | (os.O_APPEND if _is_regular(target) else 0)
    try:
        fd = os.open(target, flags)
    except OSError as error:
        raise DataError(f"cannot write {target}: {_reason(error)}") from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BrokenPipeError:
        raise
    except OSError as error:
        raise DataError(f"cannot write {target}: {_reason(error)}") from None
    finally:
        os.close(fd)


def _is_regular(target: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False


def _write_in_place(target: Path, text: str) -> None:
    """A file with other hard links: a rename would split it from its twins, so its content
    is replaced in place, after a temporary copy proved the text fits on the disk."""
    folder = target.parent if str(target.parent) else Path(".")
    data = text.encode("utf-8")
    try:
        with tempfile.TemporaryFile(dir=folder) as trial:
            trial.write(data)
            trial.flush()
            os.fsync(trial.fileno())
        with open(target, "r+b") as out:
            out.write(data)
            out.truncate()
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        raise DataError(f"cannot write {target}: {_reason(error)}") from None
