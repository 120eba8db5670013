"""``sarcref edit KEY``: change fields, apply an edited file, or open the record in $EDITOR."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ConflictError, UsageError
from .. import printing
from ..session import Session

if TYPE_CHECKING:
    from ...library import Library


def run(session: Session) -> None:
    sets, unsets, from_file = session["set_fields"], session["unset"], session["from_file"]
    keys = session.keys("key")
    with session.open_library() as library:
        if sets or unsets:
            if from_file is not None:
                raise UsageError("--from replaces the whole record: give it without --set/--unset")
            with library.transaction():
                for key in keys:
                    library.edit(key, sets, unsets)
            printing.report(f"changed {', '.join(keys)}")
            return
        if len(keys) != 1:
            raise UsageError("edit one record at a time in an editor or --from a file")
        key = keys[0]
        if from_file is not None:
            _apply_file(library, key, Path(from_file))
            return
        _edit_in_editor(library, key)


def _apply_file(library: Library, key: str, path: Path) -> None:
    from ...editing import read_edit, record_from_text

    original = library.get(key)
    edited = record_from_text(read_edit(path, key), original, str(path))
    library.update(edited)
    printing.report(f"changed {key} from {path}")


def _edit_in_editor(library: Library, key: str) -> None:
    from ...editing import edit_in_editor, keep_hint

    original = library.get(key)
    outcome = edit_in_editor(original)
    if outcome is None:
        printing.report(f"no changes; {key} is as it was")
        return
    edited, path = outcome
    try:
        library.update(edited, expected=original)
    except ConflictError as error:
        raise ConflictError(
            f"{error.message}; your edit was not applied", hint=keep_hint(key, path)
        ) from None
    path.unlink(missing_ok=True)
    printing.report(f"changed {key}")
