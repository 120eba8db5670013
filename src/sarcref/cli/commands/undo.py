"""``sarcref undo [CHANGE]``: revert a change of the journal (itself a change)."""

from __future__ import annotations

from ...errors import UsageError
from .. import printing
from ..session import Session


def run(session: Session) -> None:
    text = session["change"]
    number = None
    if text is not None:
        digits = text.strip().removeprefix("#")
        if not (digits.isdigit() and digits.isascii()) or len(digits) > 18:
            raise UsageError(
                f"'{text}' is not a change number", hint="`sarcref history` lists the changes"
            )
        number = int(digits)
    with session.open_library() as library:
        done = library.undo(number, force=session["force"])
        undone = library.change(done.undoes) if done.undoes is not None else None
    what = f" ({undone.command})" if undone is not None else ""
    printing.report(
        f"undid change #{done.undoes}{what}: {done.summary()}; "
        f"this undo is change #{done.id} (`sarcref undo` reverts it)"
    )
