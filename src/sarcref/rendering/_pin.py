"""Fail clearly when the installed citeproc-py is not the version this layer was built on.

sarcref.rendering subclasses citeproc-py's element classes and relies on their internals,
which may change in any release.
"""

from __future__ import annotations

from citeproc._version import get_versions  # citeproc-py's versioneer stamp

SUPPORTED_CITEPROC_PY = "0.11.1"


def check_citeproc_version() -> None:
    found = str(get_versions().get("version"))
    if found != SUPPORTED_CITEPROC_PY:
        raise ImportError(
            f"sarcref.rendering needs citeproc-py {SUPPORTED_CITEPROC_PY}, found {found}: "
            "its element classes are subclassed and their internals relied upon"
        )


check_citeproc_version()
