"""``sarcref styles``: the CSL styles available."""

from __future__ import annotations

from ...errors import NotFoundError
from .. import printing
from ..session import Session

_COLUMNS = ("id", "title", "class", "format", "parent", "aliases")


def run(session: Session) -> None:
    from ...style_catalogue import find_styles

    query, fmt = session["query"], session["fmt"]
    found = find_styles(query)
    if not found:
        raise NotFoundError(f"no style matches '{query}'")
    if fmt == "ids":
        printing.write("".join(f"{s.id}\n" for s in found))
    elif fmt == "json":
        printing.write_json([s._asdict() for s in found])
    elif printing.use_rich():
        from rich import box
        from rich.table import Table

        table = Table(title=f"{len(found)} styles", header_style="bold", box=box.SIMPLE_HEAD)
        for column in _COLUMNS:
            table.add_column(
                column,
                no_wrap=column == "id",
                style="cyan" if column == "id" else "",
                ratio=3 if column == "title" else None,
            )
        for s in found:
            table.add_row(
                s.id,
                s.title,
                s.style_class,
                s.citation_format,
                s.parent or "",
                ", ".join(s.aliases),
            )
        with printing.paged(not session.no_pager):
            printing.console().print(table)
    else:
        rows = (
            (s.id, s.title, s.style_class, s.citation_format, s.parent or "", ",".join(s.aliases))
            for s in found
        )
        printing.write("".join(printing.tsv_line(row) + "\n" for row in rows))
