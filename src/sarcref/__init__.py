"""sarcref: a command-line reference manager.

The Python API: ``sarcref.Library`` (open a library file, or one in memory) and
``sarcref.Record``. Names are imported on first use, so ``import sarcref`` stays cheap
(the command line's Ctrl-C handling starts right after it: nothing is imported here).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .errors import DataError, NotFoundError, SarcrefError, UsageError
    from .library import Library
    from .records import Record

__version__ = "0.2.0"
__all__ = [
    "DataError",
    "Library",
    "NotFoundError",
    "Record",
    "SarcrefError",
    "UsageError",
    "__version__",
]

_LAZY = {
    "Library": "library",
    "Record": "records",
    "SarcrefError": "errors",
    "DataError": "errors",
    "NotFoundError": "errors",
    "UsageError": "errors",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sarcref' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
