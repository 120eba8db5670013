"""Errors raised by the rendering layer.

Both are :class:`sarcref.errors.DataError` (exit code 3): a style that cannot be used and a
record that cannot be rendered are problems with the data, not with the command line.
"""

from __future__ import annotations

from sarcref.errors import DataError


class StyleError(DataError):
    """A CSL style (or locale) file is malformed, unsafe or not a CSL style."""


class RenderError(DataError):
    """Rendering one record failed inside the engine; no partial output is returned."""
