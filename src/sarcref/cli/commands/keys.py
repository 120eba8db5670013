"""``sarcref keys FILE...``: the keys manuscripts cite, in first-citation order."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> int:
    from ...manuscripts import keys_as_json, read_cited

    reading = read_cited(session["files"], via_pandoc=session["via_pandoc"])
    for warning in reading.warnings:
        printing.report(f"warning: {warning}")
    if session["fmt"] == "json":
        with session.open_library() as library:
            known = set(library.keys())
        printing.write_json(keys_as_json(reading.keys, known))
    else:
        printing.print_keys(c.key for c in reading.keys)
    return 0 if reading.keys else 1
