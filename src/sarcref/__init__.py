"""sarcref: a command-line reference manager.

The Python API: ``sarcref.Library`` (open a library file, or one in memory) and
``sarcref.Record``. Names are imported on first use, so ``import sarcref`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_getattr

__version__ = "0.1.0"
__all__ = [
    "DataError",
    "Library",
    "NotFoundError",
    "Record",
    "SarcrefError",
    "UsageError",
    "__version__",
]

if TYPE_CHECKING:
    from .errors import DataError, NotFoundError, SarcrefError, UsageError
    from .library import Library
    from .records import Record

_LAZY = {
    "Library": "library",
    "Record": "records",
    "SarcrefError": "errors",
    "DataError": "errors",
    "NotFoundError": "errors",
    "UsageError": "errors",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
