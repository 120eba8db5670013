"""Writing output files safely."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DataError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* through a temporary file and a rename.

    Readers see the old file or the new one, never half of it; an error or Ctrl-C leaves
    the old file as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise DataError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DataError(f"cannot write {target}: {error.strerror}") from None
        raise
