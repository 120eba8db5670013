"""``sarcref history [KEY]``: the change journal, newest first; ``--prune BEFORE``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ...errors import NotFoundError, UsageError
from .. import printing
from ..session import Session

if TYPE_CHECKING:
    from ...journal import Change

# Of a change that touched many records, the records whose fields are listed.
_DETAILED = 10
_WIDTH = 70


def run(session: Session) -> None:
    key, prune = session["key"], session["prune"]
    with session.open_library() as library:
        if prune is not None:
            if key is not None:
                raise UsageError("--prune drops old changes of every record: give it without KEY")
            dropped, kept = library.prune_history(prune)
            line = f"dropped {dropped} changes older than {prune}"
            if kept:
                line += f"; kept {kept} older ones that `sarcref sync` has not sent yet"
            printing.report(line)
            return
        entries = library.history(key, limit=session["limit"])
    if not entries:
        raise NotFoundError(
            f"no changes to '{key}' in the journal" if key else "no changes in the journal yet"
        )
    if session["fmt"] == "json":
        printing.write_json([entry.to_json() for entry in entries])
        return
    with printing.paged(not session.no_pager):
        printing.write("".join(_lines(entry) for entry in entries))


def _lines(entry: Change) -> str:
    when = entry.time.replace("T", " ")
    out = [f"#{entry.id}  {when}  {entry.command}\n", f"    {entry.summary()}\n"]
    for change in entry.records[:_DETAILED]:
        for field in change.fields():
            out.append(
                f"      {change.current_key} {field.field}: "
                f"{_value(field.before)} -> {_value(field.after)}\n"
            )
    return "".join(out)


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _WIDTH else text[: _WIDTH - 3] + "..."
