"""``sarcref cite``: citations and bibliographies in any CSL style."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    from ...citing import CiteOptions, cite_library, cite_records, read_input

    options = CiteOptions(
        session.setting("style"), session["mode"], session.setting("fmt"), session.setting("locale")
    )
    with printing.progress_bar("Rendering") as progress:
        if session["input"] is not None:
            wanted = session.keys() or None
            text = cite_records(read_input(session["input"]), wanted, options, progress=progress)
            protect: list[str] = []
        else:
            with session.open_library() as library:
                text = cite_library(
                    library, session.chosen_keys(library), options, progress=progress
                )
                protect = [str(library.path)]
    printing.emit(text, session["output"], protect=protect)
