"""Package attributes imported on first use, so ``import sarcref`` stays cheap."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_getattr(
    package: str, modules: Mapping[str, str], *, first: str | None = None
) -> Callable[[str], Any]:
    """A module ``__getattr__``: attribute *name* of *package* comes from ``modules[name]``.

    *first* names a submodule imported before any of them (e.g. a version check).
    """

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        if first is not None:
            import_module(f"{package}.{first}")
        return getattr(import_module(f"{package}.{module}"), name)

    return __getattr__
