"""Named points where a test may stop sarcref, to kill or interrupt it exactly there.

Not a user setting: with ``SARCREF_PAUSE_AT=NAME`` and ``SARCREF_PAUSE_FILE=PATH`` in the
environment, the process writes its pid to PATH on reaching the point NAME and then sleeps
``SARCREF_PAUSE_SECONDS`` (default 120), so that a test waiting for PATH can kill it there
instead of by timing luck. Points: ``main`` (the command line starts), ``before-commit`` and
``after-commit`` (of every write transaction); in ``sync``: ``sync-fetched`` (the remote
fetched), ``sync-committed`` (the merge committed in the clone, inside the library's
transaction), ``sync-applied`` (the library changed, before the push) and ``sync-pushed``
(pushed, before the library notes it).
"""

from __future__ import annotations

import os


def pause_point(name: str) -> None:
    if os.environ.get("SARCREF_PAUSE_AT") != name:
        return
    marker = os.environ.get("SARCREF_PAUSE_FILE")
    if marker:
        with open(marker, "w", encoding="utf-8") as file:
            file.write(str(os.getpid()))
    seconds = float(os.environ.get("SARCREF_PAUSE_SECONDS", "120"))
    if seconds > 0:
        import time

        time.sleep(seconds)
