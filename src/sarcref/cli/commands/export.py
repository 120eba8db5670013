"""``sarcref export``: write records as BibTeX, BibLaTeX, CSL-JSON or RIS."""

from __future__ import annotations

from ...errors import UsageError
from .. import printing
from ..session import Session


def run(session: Session) -> None:
    from ...exporting import export_text, select_records

    if session["watch"]:
        _watch(session)
        return
    with session.open_library() as library:
        records = select_records(library, session.chosen_keys(library) or [], session["query"])
        protect = [str(library.path)]
    text = export_text(records, session["fmt"], ascii_only=session["ascii"])
    if session["cited_in"] and session["output"] not in (None, "-"):
        _write_if_changed(session["output"], text, protect)
        return
    printing.emit(text, session["output"], protect=protect)


def _write_if_changed(path: str, text: str, protect: list[str]) -> None:
    """A manuscript's bibliography file is rewritten only when its content changes, so that
    make and editors watching it are not disturbed."""
    from ...manuscripts.bibfile import write_if_changed

    if not text.endswith("\n"):
        text += "\n"
    written = write_if_changed(path, text, protect=protect)
    printing.message(f"wrote {path}" if written else f"{path} is up to date")


def _watch(session: Session) -> None:
    from ...manuscripts.live_bibliography import keep_bibliography

    if not session["cited_in"] or session["output"] in (None, "-"):
        raise UsageError("--watch keeps a file current: give --cited-in FILE and --output FILE")
    if session["keys"] or session["query"] is not None:
        raise UsageError("--watch exports what the manuscript cites: no KEY or --query with it")

    def report(made: object, written: bool) -> None:
        printing.message(
            f"wrote {session['output']}" if written else f"{session['output']} is up to date"
        )

    def on_error(error: Exception) -> None:
        printing.error(str(error))

    printing.message("watching; Ctrl-C stops")
    with session.open_library() as library:
        keep_bibliography(
            library,
            session["cited_in"],
            session["output"],
            session["fmt"],
            report=report,
            on_error=on_error,
            allow_missing=bool(session["allow_missing"]),
        )
