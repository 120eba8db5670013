"""Citations and bibliographies: records + a style -> text, through sarcref's renderer.

``cite()`` is the core of ``sarcref cite``. A library-backed call caches the finished
output in the library, keyed by everything the text depends on: sarcref's version, the
style files' content, locale, format, mode and the content of every record cited, in
order. Any change to one of them is a different key, so nothing stale is ever served, and
a repeat needs neither the renderer nor the records' JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from . import __version__
from .errors import DataError, NotFoundError, UsageError
from .records import Record
from .style_catalogue import DEFAULT_STYLE, ResolvedStyle, resolve

if TYPE_CHECKING:
    from .library import Library

Mode = Literal["bibliography", "citation"]
OutputFormat = Literal["text", "html", "markdown", "rtf"]
MODES: tuple[Mode, ...] = ("bibliography", "citation")
FORMATS: tuple[OutputFormat, ...] = ("text", "html", "markdown", "rtf")
Progress = Callable[[int, int], None]


class CiteOptions(NamedTuple):
    style: str = DEFAULT_STYLE
    mode: Mode = "bibliography"
    fmt: OutputFormat = "text"
    locale: str | None = None

    def validated(self) -> CiteOptions:
        """These options checked, with the locale in its canonical form (``en_gb`` -> en-GB)."""
        if self.mode not in MODES:
            raise UsageError(f"unknown mode '{self.mode}'; choose from {', '.join(MODES)}")
        if self.fmt not in FORMATS:
            raise UsageError(f"unknown format '{self.fmt}'; choose from {', '.join(FORMATS)}")
        if self.locale is None:
            return self
        from .locale_catalogue import check_locale

        return self._replace(locale=check_locale(self.locale))


def cite(
    records: Sequence[Record | Mapping[str, Any]],
    style: str = DEFAULT_STYLE,
    *,
    mode: Mode = "bibliography",
    fmt: OutputFormat = "text",
    locale: str | None = None,
    progress: Progress | None = None,
) -> str:
    """Render *records* as one bibliography (one entry a line) or one citation cluster.

    >>> book = {"id": "d", "type": "book", "title": "A book", "author": [{"family": "Doe"}],
    ...         "issued": {"date-parts": [[2020]]}}
    >>> cite([book], "apa", mode="citation")
    '(Doe, 2020)'
    """
    options = CiteOptions(style, mode, fmt, locale).validated()
    items = [r.to_csl() if isinstance(r, Record) else _as_item(r) for r in records]
    return render(items, resolve(style), options, progress=progress)


def cite_library(
    library: Library,
    keys: Sequence[str] | None,
    options: CiteOptions,
    *,
    progress: Progress | None = None,
) -> str:
    """Cite records of *library* (all of them without keys), served from its cache if fresh."""
    lookup = _cache_lookup(library, keys, options)
    if lookup.text is not None:
        return lookup.text
    records = library.get_many(lookup.keys)
    text = render([r.to_csl() for r in records], lookup.style, options, progress=progress)
    library.cache_output(lookup.cache_key, text)
    return text


def cached_citation(
    library: Library, keys: Sequence[str] | None, options: CiteOptions
) -> str | None:
    """What ``cite_library`` would return, if its cache holds it; None otherwise."""
    return _cache_lookup(library, keys, options).text


class _Lookup(NamedTuple):
    style: ResolvedStyle
    keys: list[str]
    cache_key: str
    text: str | None


def _cache_lookup(library: Library, keys: Sequence[str] | None, options: CiteOptions) -> _Lookup:
    options = options.validated()
    resolved = resolve(options.style)
    if keys is not None:
        keys = library.resolve_keys(keys)  # merged keys name their record; unknown: an error
    hashes = library.content_hashes(keys)
    cache_key = _cache_key(resolved, options, [h for _, h in hashes])
    text = library.cached_output(cache_key)
    return _Lookup(resolved, [key for key, _ in hashes], cache_key, text)


def cite_records(
    records: Sequence[Record],
    keys: Sequence[str] | None,
    options: CiteOptions,
    *,
    progress: Progress | None = None,
) -> str:
    """Cite *records* (e.g. read from a file), or those of them whose keys are given."""
    options = options.validated()
    if keys is not None:
        by_key = {r.key: r for r in records}
        missing = [k for k in keys if k not in by_key]
        if missing:
            listed = ", ".join(f"'{k}'" for k in missing)
            raise NotFoundError(f"no record with key {listed} in the input")
        records = [by_key[k] for k in dict.fromkeys(keys)]
    return render([r.to_csl() for r in records], resolve(options.style), options, progress=progress)


def read_input(path: str) -> list[Record]:
    """Records of a CSL-JSON, BibTeX or RIS file, for ``cite --input``; no library involved."""
    from .formats import read_records

    return read_records(Path(path))


def _as_item(record: Mapping[str, Any]) -> dict[str, Any]:
    return Record.from_json(record).to_csl()


def _cache_key(resolved: ResolvedStyle, options: CiteOptions, record_hashes: list[str]) -> str:
    digest = hashlib.sha256()
    for path in resolved.files():
        digest.update(_file_digest(path).encode())
    parts = [__version__, resolved.id, options.mode, options.fmt, options.locale or ""]
    digest.update(json.dumps([parts, record_hashes]).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise DataError(f"cannot read the style {path}: {error.strerror}") from None


def render(
    items: Sequence[Mapping[str, Any]],
    resolved: ResolvedStyle,
    options: CiteOptions,
    *,
    progress: Progress | None = None,
) -> str:
    """Run the renderer: one document (html, rtf) or one entry a line (text, markdown)."""
    from .rendering import Processor, load_style

    style = load_style(resolved.path, default_locale_override=resolved.default_locale)
    if options.mode == "bibliography" and not style.has_bibliography:
        raise UsageError(
            f"the style '{resolved.id}' has no bibliography",
            hint="use --mode citation for its citations (notes)",
        )
    processor = Processor(style, items, locale=options.locale, fmt=options.fmt)
    if options.mode == "citation":
        return str(processor.citation([str(item["id"]) for item in items]))
    bibliography = processor.bibliography(progress=progress)
    return str(bibliography.document)
