"""Where the library file lives: one function decides, so every command agrees."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_ENV = "SARCREF_LIBRARY"
LIBRARY_FILENAME = "library.sqlite"


def default_library_path() -> Path:
    """The platform's user data directory, e.g. ``~/.local/share/sarcref/library.sqlite``."""
    import platformdirs  # imported here: only commands that touch the default path pay for it

    return platformdirs.user_data_path("sarcref") / LIBRARY_FILENAME


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
