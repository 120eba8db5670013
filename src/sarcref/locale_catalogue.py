"""The CSL locales sarcref can cite in (those shipped with citeproc-py)."""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
from pathlib import Path

from .errors import DataError, UsageError


@lru_cache(maxsize=1)
def locales_dir() -> Path:
    """citeproc-py's folder of CSL locale files, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec("citeproc")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("citeproc-py, which ships the CSL locales, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "locales"


@lru_cache(maxsize=1)
def available_locales() -> tuple[str, ...]:
    names = os.listdir(locales_dir())
    return tuple(sorted(n[8:-4] for n in names if n.startswith("locales-") and n.endswith(".xml")))


# A language (2-3 letters) and an optional region or script (BCP 47's shape, roughly):
# never a path.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")


def check_locale(name: str) -> str:
    """*name* as a locale tag sarcref has (``en_gb`` -> ``en-GB``); UsageError otherwise.

    A bare language (``de``) or a region sarcref lacks (``de-LU``) is accepted when the
    language has a locale: the renderer falls back to its main dialect, as citeproc-js does.
    """
    if not _TAG.fullmatch(name):
        raise UsageError(
            f"'{name}' is not a locale tag",
            hint="write a language and an optional region, e.g. en-US, en-GB, de-DE, pt-BR",
        )
    language, _, region = name.replace("_", "-").partition("-")
    tag = f"{language.lower()}-{region.upper()}" if region else language.lower()
    known = available_locales()
    if tag in known or any(
        k == language.lower() or k.startswith(f"{language.lower()}-") for k in known
    ):
        return tag
    close = difflib.get_close_matches(tag, known, n=5, cutoff=0.5)
    raise UsageError(
        f"unknown locale '{name}'",
        hint=("did you mean " + ", ".join(close) + "?") if close else "e.g. en-US, en-GB, de-DE",
    )
