"""``sarcref-pandoc``: a pandoc JSON filter that cites with sarcref's library and engine.

    pandoc paper.md --filter sarcref-pandoc -o paper.docx

Every citation becomes what citeproc-js prints for it, as pandoc elements (emphasis,
small caps, links...), so every output format gets the formatting; the bibliography goes
where pandoc's own ``--citeproc`` puts it. The records come from the sarcref library
(metadata ``sarcref-library``, else ``$SARCREF_LIBRARY``, else the default library), opened
for reading only; the style from ``csl`` (an id, alias or ``.csl`` file; default apa), the
locale from ``lang``. A key the library lacks is a warning on stderr and shows as
``**key?**``, as with ``--citeproc``. See docs/manuscripts.md.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import DataError, SarcrefError, UsageError
from .ast import SUPPORTED_API, Element

if TYPE_CHECKING:
    from ..library import Library
    from ..records import Record
    from ..rendering import Processor
    from .collect import FoundCitation
    from .settings import FilterSettings

Warn = Callable[[str], None]


def main(argv: list[str] | None = None) -> int:
    """The console script: a pandoc document on stdin, the same document cited on stdout.

    (pandoc passes the output format as the first argument; the filter does not need it.)
    """
    try:
        document = read_document(sys.stdin.buffer)
        filtered = filter_document(document, warn=_warn)
        _write(filtered, sys.stdout.buffer)
        return 0
    except SarcrefError as error:
        print(f"sarcref-pandoc: {error.message}", file=sys.stderr)
        if error.hint:
            print(f"  {error.hint}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 141


def _warn(message: str) -> None:
    print(f"[WARNING] sarcref-pandoc: {message}", file=sys.stderr)


def _write(document: dict[str, Any], out: IO[bytes]) -> None:
    out.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    out.flush()


def read_document(source: IO[bytes]) -> dict[str, Any]:
    """The JSON document pandoc sends; DataError if it is not one this filter reads."""
    try:
        document = json.loads(source.read())
    except ValueError as error:
        raise DataError(f"standard input is not a pandoc JSON document: {error}") from None
    if not isinstance(document, dict) or "blocks" not in document:
        raise DataError("standard input is not a pandoc JSON document (no blocks)")
    check_api_version(document)
    return document


def check_api_version(document: dict[str, Any]) -> None:
    """DataError unless the document's pandoc-api-version is one the filter was written for
    (the document is written back with the same version)."""
    version = document.get("pandoc-api-version")
    if not isinstance(version, list) or len(version) < 2:
        raise DataError("the document has no pandoc-api-version (pandoc 2.x or 3.x sends one)")
    if tuple(version[:2]) not in SUPPORTED_API:
        shown = ".".join(str(v) for v in version)
        supported = ", ".join(f"{a}.{b}" for a, b in SUPPORTED_API)
        raise DataError(
            f"pandoc-api-version {shown} is not one sarcref-pandoc knows ({supported})",
            hint="a newer pandoc may have changed its document tree: upgrade sarcref",
        )


def filter_document(
    document: dict[str, Any], *, warn: Warn = _warn, library: Library | None = None
) -> dict[str, Any]:
    """*document* with its citations rendered and its bibliography added (in place).

    *library*: the records to cite (else the one the metadata or environment names,
    opened read-only). UsageError for an unknown style; DataError for a missing or damaged
    library, or a record the engine cannot render.
    """
    from .collect import collect, nocite_ids
    from .settings import read_settings

    found = collect(document)
    nocite = nocite_ids(document)
    if not found and not nocite:
        return document
    settings = read_settings(document.get("meta") or {})
    if library is None:
        with open_library(settings.library) as opened:
            return _cite(document, found, nocite, settings, opened, warn)
    return _cite(document, found, nocite, settings, library, warn)


def open_library(path: Path) -> Library:
    """The library at *path*, opened read-only: the filter never creates, migrates or writes
    a library."""
    from ..library import Library

    if not path.is_file():
        raise DataError(
            f"no sarcref library at {path}",
            hint="set SARCREF_LIBRARY or the metadata field sarcref-library to your library",
        )
    return Library(path, seed=False, read_only=True)


def _cite(
    document: dict[str, Any],
    found: list[FoundCitation],
    nocite: list[str],
    settings: FilterSettings,
    library: Library,
    warn: Warn,
) -> dict[str, Any]:
    from ..rendering import Processor, load_style
    from ..rendering.pandoc_output import PandocHtmlFormat
    from ..rendering.positions import assign_positions
    from ..style_catalogue import resolve
    from .cites import CitationRenderer
    from .punctuation import tidy

    records = _records(library, found, nocite, warn)
    resolved = resolve(settings.style)
    style = load_style(resolved.path, default_locale_override=resolved.default_locale)
    locale = _locale(settings.locale, warn)
    processor = Processor(style, [r.to_csl() for r in records], locale=locale, fmt="html")
    processor.fmt = PandocHtmlFormat(link_cites=settings.link_citations)
    note_style = processor.root.class_ == "note"
    renderer = CitationRenderer(processor, {r.key for r in records}, note_style=note_style)
    plans = [(citation, renderer.units(citation)) for citation in found]
    inputs = [i for citation, units in plans for i in renderer.citation_inputs(citation, units)]
    assign_positions(inputs, int(processor.root.citation.get("near-note-distance") or 5))
    for citation, units in plans:
        citation.element["c"][1] = renderer.render(citation, units)
    move_notes = settings.notes_after_punctuation
    tidy(document, note_style if move_notes is None else move_notes)
    if not settings.suppress_bibliography and style.has_bibliography:
        _add_bibliography(document, processor, settings)
    return document


def _records(
    library: Library, found: list[FoundCitation], nocite: list[str], warn: Warn
) -> list[Record]:
    """The records cited, in first-citation order, then the nocite ones; a warning for
    each key the library lacks."""
    keys: list[str] = []
    for citation in found:
        keys += [str(c.get("citationId", "")) for c in citation.element["c"][0]]
    keys += nocite
    wanted = [k for k in dict.fromkeys(keys) if k != "*"]
    records = list(library.iter_records(wanted))
    have = {r.key for r in records}
    for key in wanted:
        if key not in have:
            close = library.suggest(key, limit=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            warn(f"citation {key} not found{hint}")
    if "*" in nocite:
        records += [r for r in library.all() if r.key not in have]
    return records


def _locale(name: str | None, warn: Warn) -> str | None:
    if name is None:
        return None
    from ..locale_catalogue import check_locale

    try:
        return check_locale(name)
    except UsageError:
        warn(f"lang {name} is not a locale sarcref has; the style's default is used")
        return None


def _add_bibliography(
    document: dict[str, Any], processor: Processor, settings: FilterSettings
) -> None:
    from ..rendering.pandoc_output import html_to_inlines, link_urls
    from .bibliography import entry_block, insert_bibliography

    bibliography = processor.bibliography()
    entries: list[Element] = []
    for html, item_id in zip(bibliography.entries, bibliography.ids, strict=True):
        inlines = html_to_inlines(html)
        if settings.link_bibliography:
            inlines = link_urls(inlines)
        entries.append(entry_block(item_id, inlines))
    classes = ["references", "csl-bib-body"]
    if bibliography.format.hangingindent:
        classes.append("hanging-indent")
    attributes: list[tuple[str, str]] = []
    element = processor.root.bibliography
    spacing = element.get("entry-spacing") if element is not None else None
    if spacing not in (None, "0"):
        attributes.append(("entry-spacing", str(spacing)))
    if bibliography.format.linespacing > 1:
        attributes.append(("line-spacing", str(bibliography.format.linespacing)))
    insert_bibliography(document, entries, classes, attributes, settings.section_title)
