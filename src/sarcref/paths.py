"""Where the library file lives: one function decides, so every command agrees."""

from __future__ import annotations

import os
import sys
from pathlib import Path

LIBRARY_ENV = "SARCREF_LIBRARY"
LIBRARY_FILENAME = "library.sqlite"


def user_folder(kind: str) -> Path:
    """sarcref's user ``data``, ``config`` or ``cache`` folder.

    On Linux this is the XDG base directory (what platformdirs gives there), worked out
    here: platformdirs imports tempfile and shutil, about 7 ms a command. Elsewhere,
    platformdirs.
    """
    if sys.platform.startswith("linux"):
        variable, fallback = _XDG[kind]
        base = os.environ.get(variable, "").strip()
        return (Path(base) if base else Path.home() / fallback) / "sarcref"
    import platformdirs

    found: Path = getattr(platformdirs, f"user_{kind}_path")("sarcref")
    return found


_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def default_library_path() -> Path:
    """The platform's user data directory, e.g. ``~/.local/share/sarcref/library.sqlite``."""
    return user_folder("data") / LIBRARY_FILENAME


def resolve_library_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The library file to use: ``--library`` (*option*) wins over ``$SARCREF_LIBRARY``, which
    wins over the ``library`` setting of the settings file, then the default."""
    if option:
        return Path(option).expanduser()
    from_env = os.environ.get(LIBRARY_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from .settings import Settings

    configured = Settings().file_values().get("library")
    if configured:
        return Path(configured).expanduser()
    return default_library_path()


def bundled_data_dir() -> Path:
    """The ``data/`` folder: inside the installed package, or at the root of a source checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "data"
    if installed.is_dir():
        return installed
    return package_dir.parent.parent / "data"
