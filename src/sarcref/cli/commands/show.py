"""``sarcref show KEY...``: records, as a summary, JSON, CSL-JSON, BibTeX or RIS."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    fmt = session["fmt"]
    with session.open_library() as library:
        keys = session.chosen_keys(library)
        if keys is None:
            from ...errors import UsageError

            raise UsageError("show needs keys: KEY..., '-' or --cited-in FILE")
        records = library.get_many(keys)
    # One KEY argument prints one JSON object, as the contract says; several (or keys from
    # standard input, however many) print a list.
    single = session["keys"] != ["-"] and len(records) == 1
    if fmt in ("json", "csl-json"):
        items = [r.to_json() if fmt == "json" else r.to_csl() for r in records]
        printing.write_json(items[0] if single else items)
    elif fmt in ("bibtex", "ris"):
        from ...formats.exporters import export

        printing.out(export(records, fmt).removesuffix("\n"))
    elif printing.use_rich():
        from ..panels import record_panel

        with printing.paged(not session.no_pager):
            for record in records:
                printing.console().print(record_panel(record))
    else:
        from ..display import plain_text

        printing.write("\n".join(plain_text(r) + "\n" for r in records))
