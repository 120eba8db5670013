"""``sarcref search QUERY...``: full-text search with the query language of ``sarcref.query``."""

from __future__ import annotations

from ...errors import NotFoundError, UsageError
from .. import printing
from ..session import Session


def run(session: Session) -> None:
    text = " ".join(session["query"])
    sort, limit, fmt = session["sort"], session["limit"], session["fmt"]
    if text.strip() == "-h":
        raise UsageError("search has no -h option", hint="use --help; -word excludes a word")
    with session.open_library() as library:
        if fmt == "table" and printing.use_rich():
            result = library.search(text, sort=sort, limit=limit)
            _found(text, len(result))
            hits = "1 hit" if len(result) == 1 else f"{len(result)} hits"
            hits = f"the first {hits}" if len(result) == limit else hits
            with printing.paged(not session.no_pager):
                printing.print_records(
                    result.records, fmt, title=f"{hits} for {text}", highlighter=result.highlighter
                )
            return
        keys = library.search_keys(text, sort=sort, limit=limit)
        _found(text, len(keys))
        if fmt == "keys":
            printing.print_keys(keys)
        elif fmt == "json":  # records read a chunk at a time: a long result is not all in memory
            printing.write_json_list(r.to_json() for r in library.iter_records(keys))
        else:
            if fmt == "tsv":
                printing.out("\t".join(printing.TABLE_COLUMNS))
            rows = library.store.iter_rows(keys=keys)
            printing.write("".join(printing.tsv_line(row) + "\n" for row in rows))


def _found(text: str, count: int) -> None:
    if not count:
        raise NotFoundError(
            f"no records match {text}",
            hint="words are ANDed: try fewer words, OR, or a prefix such as sarc*",
        )
