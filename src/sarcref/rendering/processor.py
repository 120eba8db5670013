"""The processor: a style, a locale, a set of registered items; bibliographies and cites.

Registering items fixes the bibliography order (the style's ``<sort>``, else input order),
the citation numbers and the disambiguation of every item, once. Bibliographies and
citation clusters are then rendered from that state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal, TypeVar

from .. import workers
from ..errors import RenderError
from .blob import Blob
from .context import CiteItem, Disambiguation
from .disambiguation import CiteKey, Disambiguator
from .items import NAME_VARIABLES, Item
from .locale import Locale, build_locale
from .namereg import NameRegistry
from .output_formats import FORMATS, OutputFormat, TextFormat
from .pipeline import Engine, Rendered
from .serialize import Serializer
from .sorting import SortKeyMaker, collation_language, sort_by_keys
from .style import LoadedStyle

OutputFormatName = Literal["text", "html", "markdown", "rtf"]

T = TypeVar("T")
R = TypeVar("R")

# Records from which a bibliography's per-record work is shared out over forked processes
# (see sarcref.workers); below this a fork (a few ms) costs more than it saves.
SHARED_FROM = 200


def _map_items(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return workers.map_items(function, items, SHARED_FROM)


def _map_slices(compute: Callable[[int, int], list[R]], size: int) -> list[R]:
    return workers.map_slices(compute, size, SHARED_FROM)


@dataclass
class BibliographyFormat:
    """citeproc-js's bibliography parameters (for hanging indents and alignment)."""

    hangingindent: bool
    second_field_align: str | bool
    entryspacing: int
    linespacing: int
    maxoffset: int = 0


@dataclass
class Bibliography:
    entries: list[str]
    ids: list[str]
    document: str
    format: BibliographyFormat
    params: dict[str, Any] = field(default_factory=dict)


def get_locale(style: LoadedStyle, lang: str) -> Locale:
    locale = style.locales.get(lang)
    if locale is None:
        locale = build_locale(lang, style.root.locale_elements)
        style.locales[lang] = locale
    return locale


class Processor:
    """Renders bibliographies and citation clusters for registered items."""

    def __init__(
        self,
        style: LoadedStyle,
        items: Sequence[Mapping[str, Any]],
        locale: str | None = None,
        fmt: OutputFormatName = "text",
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}")
        self.style = style
        self.root = style.root
        lang = locale or self.root.default_locale or "en-US"
        self.locale = get_locale(style, lang)
        self.collation = collation_language(self.locale.lang)  # sort keys compare in it
        self.engine = Engine(self.root, self.locale)
        self.fmt: OutputFormat = FORMATS[fmt]()
        self.items: dict[str, Item] = {}
        order: list[str] = []
        for raw in items:
            item = Item(raw)
            if item.id not in self.items:
                self.items[item.id] = item
                order.append(item.id)
        self.registration = order
        # Plain text of trees (names, keys) for comparisons; shared with cluster rendering.
        self.plain = Serializer(TextFormat(), self.engine.quotes, [])
        self._prepared = False
        self.bib_order: list[str] = []
        self.numbers: dict[str, int] = {}
        self.disamb: dict[str, Disambiguation] = {}  # per item, as registered (for cites)
        self.entry_disamb: dict[str, Disambiguation] = {}  # per item, for its entry

    # -- registration ------------------------------------------------------------------
    def prepare(self) -> None:
        """Register the items: bibliography order, citation numbers, disambiguation (once)."""
        if self._prepared:
            return
        self._prepared = True
        ordered = [self.items[i] for i in self.registration]
        bibliography = self.root.bibliography
        if bibliography is not None and bibliography.sort is not None:
            maker = SortKeyMaker(self.engine, "bibliography")
            provisional = {item.id: n + 1 for n, item in enumerate(ordered)}
            descending = [k.descending for k in maker.keys]
            ordered = sort_by_keys(
                ordered,
                lambda it, index: self.guard(
                    it, lambda: maker.key_for(it, index, provisional[it.id])
                ),
                descending,
                map_keys=_map_items,
                language=self.collation,
            )
        self.bib_order = [item.id for item in ordered]
        self.numbers = {item_id: n + 1 for n, item_id in enumerate(self.bib_order)}
        if self.root.citation_options.add_givenname:
            registry = NameRegistry(
                self.root.givenname_rule,
                True,
                self.root.demote_non_dropping_particle == "never",
            )
            name_variables = sorted(self.root.referenced_variables & NAME_VARIABLES)
            for item in ordered:
                for variable in name_variables:
                    names = item.names.get(variable)
                    if names:
                        registry.add(item.id, names)
            self.engine.namereg = registry
        self.disamb = self._disambiguate(ordered)
        self.entry_disamb = {
            item_id: self._entry_disambiguation(settings)
            for item_id, settings in self.disamb.items()
        }

    def _entry_disambiguation(self, registered: Disambiguation) -> Disambiguation:
        """What a bibliography entry takes of its item's registered disambiguation.

        citeproc-js renders entries with year suffixes and ``disambiguate`` conditions as
        registered, but with given names (and, with add-names, names) only when the style
        adds given names; otherwise names render as the bibliography's options say.
        """
        options = self.root.citation_options
        config = Disambiguation(
            year_suffix=registered.year_suffix, disambiguate=registered.disambiguate
        )
        if options.add_givenname:
            config.givens = {pos: dict(levels) for pos, levels in registered.givens.items()}
            if options.add_names:
                config.names = dict(registered.names)
        return config

    def _disambiguate(self, ordered: list[Item]) -> dict[str, Disambiguation]:
        options = self.root.citation_options
        add_names = options.add_names
        add_given = options.add_givenname
        add_suffix = options.add_year_suffix
        condition = self.root.has_disambiguate_condition
        position_et_al = self.root.position_et_al
        if not (add_names or add_given or add_suffix or condition or position_et_al):
            return {item.id: Disambiguation() for item in ordered}

        def key(item: Item, settings: Disambiguation) -> CiteKey:
            probe = settings.copy()
            probe.probe = True

            def render() -> Rendered:
                return self.engine.render_tree(
                    "citation",
                    item,
                    CiteItem(item.id, position=1),
                    probe,
                    self.numbers.get(item.id),
                )

            rendered = self.guard(item, render)
            self.engine.finish(rendered.blob, rendered.has_quotes)
            text = self.plain.render(rendered.blob)
            return text, rendered.namesets, rendered.disambiguate_counts

        def coarse_key(item: Item) -> str:
            rendered = self.guard(
                item,
                lambda: self.engine.render_tree(
                    "citation", item, CiteItem(item.id, position=1), Disambiguation(probe=True),
                    self.numbers.get(item.id),
                ),
            )  # fmt: skip
            return alphanumeric_text(rendered.blob)

        disambiguator = Disambiguator(
            key, add_names, add_given, add_suffix, condition, self.root.givenname_rule,
            lambda items: _map_items(coarse_key, items),
        )  # fmt: skip
        return disambiguator.run(ordered, base_for_all=position_et_al)

    def guard(self, item: Item, action: Callable[[], R]) -> R:
        """``action()``, an engine failure on *item* raised as a RenderError naming it."""
        try:
            return action()
        except RenderError:
            raise
        except Exception as exc:  # an engine failure on one record
            raise RenderError(
                f"cannot render record {item.id!r} with style {self.style.name}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc

    # -- bibliography --------------------------------------------------------------------
    def bibliography(self, progress: Callable[[int, int], None] | None = None) -> Bibliography:
        """The whole bibliography; *progress* hears ``(entries done, total)`` as it goes."""
        self.prepare()
        bibliography = self.root.bibliography
        params = self.format_params()
        if bibliography is None:
            return Bibliography([], [], self.fmt.bibliography([]), params)
        total = len(self.bib_order)
        rendered_entries = _map_slices(
            lambda start, end: self._entries_between(start, end, progress), total
        )
        entries: list[str] = []
        ids: list[str] = []
        for item_id, (text, renders_content) in zip(self.bib_order, rendered_entries, strict=True):
            if text or renders_content:
                entries.append(text)
                ids.append(item_id)
        if progress is not None:
            progress(total, total)
        wrapped = [self.fmt.entry(e) for e in entries]
        return Bibliography(entries, ids, self.fmt.bibliography(wrapped), params)

    def _entries_between(
        self, start: int, end: int, progress: Callable[[int, int], None] | None
    ) -> list[tuple[str, bool]]:
        """Entries ``start`` to ``end`` of the bibliography: their text and whether they
        rendered content (an empty entry that did is still an entry)."""
        options = self.root.bibliography_options
        assert options is not None
        substitute = options.subsequent_author_substitute
        rule = options.subsequent_author_substitute_rule
        previous_names: list[str] | None = None
        if substitute is not None:  # the names of the nearest earlier entry that has some
            for index in range(start - 1, -1, -1):
                item = self.items[self.bib_order[index]]
                earlier = self.guard(item, partial(self._render_entry, item))
                if earlier.first_names is not None and earlier.first_names_plain:
                    previous_names = earlier.first_names_plain
                    break
        total = len(self.bib_order)
        # (Another process may render the entries after `end`: this one reports its share
        # of the way as the share of the whole, all processes working at one pace.)
        scale = total / (end - start) if start == 0 and end > start else 1.0
        out: list[tuple[str, bool]] = []
        for index in range(start, end):
            if progress is not None and start == 0:
                progress(min(total, int(index * scale)), total)
            item = self.items[self.bib_order[index]]
            rendered = self.guard(item, partial(self._render_entry, item))
            if substitute is not None:
                previous_names = _substitute_author(rendered, substitute, rule, previous_names)
            text = self.guard(item, partial(self.engine.entry_string, rendered, self.fmt))
            out.append((text, rendered.renders_content))
        return out

    def _render_entry(self, item: Item) -> Rendered:
        return self.engine.render_tree(
            "bibliography", item, None, self.entry_disamb.get(item.id, Disambiguation()),
            self.numbers.get(item.id),
        )  # fmt: skip

    def format_params(self) -> BibliographyFormat:
        options = self.root.bibliography_options
        if options is None:
            return BibliographyFormat(False, False, 1, 1)
        return BibliographyFormat(
            options.hanging_indent,
            options.second_field_align or False,
            options.entry_spacing,
            options.line_spacing,
        )

    def bibliography_order(self) -> list[str]:
        """Registered ids in bibliography order (the style's sort, else input order)."""
        self.prepare()
        return list(self.bib_order)

    def sort_cites(self, cites: Sequence[CiteItem]) -> list[CiteItem]:
        """Cites of a citation in a document in the order the style's citation ``<sort>``
        puts them, one author's cites kept together where the style collapses or groups
        them (citeproc-js's processCitationCluster); pass the result to :meth:`citation`
        with ``presorted=True``."""
        self.prepare()
        from .cluster import sort_cites

        return sort_cites(self, list(cites), grouped=True)

    # -- citations -----------------------------------------------------------------------
    def citation(
        self,
        ids: Sequence[str | int],
        cite_items: Sequence[CiteItem] | None = None,
        *,
        presorted: bool = False,
    ) -> str:
        """One citation cluster of registered items, sorted and collapsed as the style says
        (as citeproc-js's makeCitationCluster renders it); ``presorted`` keeps the given
        order (cites already put in order by :meth:`sort_cites`)."""
        self.prepare()
        cites = list(cite_items) if cite_items is not None else [CiteItem(str(i)) for i in ids]
        for cite in cites:
            if cite.id not in self.items:
                raise RenderError(f"record {cite.id!r} is not registered with this processor")
        if cites and cites[0].author_only:
            from .author_modes import author_only

            return author_only(self, cites[0]) or "[NO_PRINTED_FORM]"  # (as citeproc-js)
        from .cluster import render_cluster

        return render_cluster(self, cites, sort=not presorted)


def _substitute_author(
    rendered: Rendered, substitute: str, rule: str, previous: list[str] | None
) -> list[str] | None:
    """subsequent-author-substitute: replace names equal to the previous entry's."""
    names = rendered.first_names_plain
    level = rendered.first_names
    if names is None or level is None or not names:
        return previous
    children = level.children()
    if not children:
        return names
    targets = _name_nodes(children[0])
    if rule in ("partial-each", "partial-first") and targets:
        # Name by name, from the first, while they match the previous entry's names.
        matched: list[str] = []
        for index, name in enumerate(names):
            if previous is None or index >= len(previous) or previous[index] != name:
                break
            if index < len(targets):
                targets[index].blobs = [_leaf(substitute)]
            matched.append(name)
            if rule == "partial-first":
                break
        return names
    if previous is not None and ",".join(previous) == ",".join(names):
        if rule == "complete-each" and targets:
            for target in targets:
                target.blobs = [_leaf(substitute)]
        elif rendered.first_names_label is not None:
            level.blobs = [_leaf(substitute), rendered.first_names_label]
        else:
            children[0].blobs = [_leaf(substitute)]
    return names


_NOT_ALNUM = re.compile(r"[\W_]+")


def alphanumeric_text(blob: Blob) -> str:
    """The letters and digits of a tree, in order.

    Punctuation clean-up, quotes and serialisation never add or remove a letter or digit,
    so two cites whose final texts are equal have equal alphanumeric texts (inline markup
    tags are the exception: such trees get a key of their own that never matches).
    """
    parts: list[str] = []

    def walk(node: Blob) -> None:
        children = node.blobs
        parts.append(node.prefix)
        if isinstance(children, str):
            parts.append(children)
        else:
            for child in children:
                walk(child)
                parts.append(node.delimiter)
        parts.append(node.suffix)

    walk(blob)
    text = "".join(parts)
    if "<" in text:
        return "\x00" + text  # markup: compare exactly
    return _NOT_ALNUM.sub("", text)  # (\W is exactly "not isalnum()", plus "_")


def _leaf(text: str) -> Blob:
    blob = Blob(text)
    blob.has_markup = False
    return blob


def _name_nodes(varblob: Blob) -> list[Blob]:
    """The per-name nodes inside a variable's names node, in order."""
    found: list[Blob] = []

    def collect(node: Blob) -> None:
        if node.is_name:
            found.append(node)
            return
        for child in node.children():
            collect(child)

    collect(varblob)
    return found
