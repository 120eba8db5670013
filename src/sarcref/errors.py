"""Typed errors of sarcref's core.

Each error carries a message written for users and the exit code the command-line
contract gives it; the CLI turns them into output in one place.
"""

from __future__ import annotations


class SarcrefError(Exception):
    """Base of every error sarcref reports to users."""

    exit_code = 3

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFoundError(SarcrefError):
    """Nothing matched: an unknown key, a search without hits (exit 1)."""

    exit_code = 1


class UsageError(SarcrefError):
    """A bad option or argument: unknown style, unknown format (exit 2)."""

    exit_code = 2


class DataError(SarcrefError):
    """Bad data: a malformed input file, an invalid style, a damaged library (exit 3)."""

    exit_code = 3


class ConflictError(DataError):
    """A change refused because the record changed since it was read (exit 3)."""


class StyleError(DataError):
    """A CSL style (or locale) file is malformed, unsafe or not a CSL style (exit 3)."""


class RenderError(DataError):
    """Rendering one record failed inside the engine; no partial output is returned (exit 3)."""


class TemporaryFailure(SarcrefError):
    """A network service could not be reached or failed for now: offline, a timeout, a 5xx
    answer after retries (exit 75, EX_TEMPFAIL). Nothing was written; trying again later may
    work."""

    exit_code = 75
