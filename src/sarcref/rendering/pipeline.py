"""From an item to a finished string: build the tree, clean it up, serialise it.

This is the one place where the stages meet: the layout renders a blob tree for one cite
or entry, inline markup is parsed with the ancestors' decorations known, empty nodes are
dropped, punctuation is cleaned up, and the serializer writes the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .blob import Blob, Token
from .context import CiteItem, Disambiguation, NamesetRecord, RenderContext
from .elements_layout import Style
from .items import Item
from .locale import Locale
from .markup import InlineMarkup, apply_inline_markup
from .numbers import NUMERIC_VARIABLES, parse_number_field
from .output_formats import OutputFormat
from .punctuation import clean_up
from .serialize import Serializer


def record_signature(
    item: Item, variables: frozenset[str], numeric_tested: frozenset[str], locale: Locale
) -> Any:
    """The facts about *item* conditions can test, for the *variables* (in sorted order)."""
    present: list[Any] = []
    # (A style refers to many more variables than a record has: only those it has count.)
    held = sorted(variables & (item.fields.keys() | item.names.keys() | item.dates.keys()))
    for variable in held:
        if variable in item.fields:
            if variable not in numeric_tested:
                present.append(variable)
                continue
            value = item.fields[variable]
            numeric = None
            if variable in NUMERIC_VARIABLES:
                numeric = parse_number_field(value, variable, locale, None).numeric
            elif variable in ("title", "version"):
                numeric = value[-1:].isdigit()
            present.append((variable, numeric))
        elif variable in item.names:
            present.append(variable)
        elif variable in item.dates:
            date = item.dates[variable]
            present.append(
                (variable, bool(date.year), bool(date.month or date.season), bool(date.day),
                 bool(date.literal), date.circa)
            )  # fmt: skip
    return (item.type, tuple(present))


@dataclass
class Rendered:
    blob: Blob
    namesets: list[NamesetRecord]
    renders_content: bool
    first_names: Blob | None = None  # the names node rendered first, for author substitution
    first_names_plain: list[str] | None = None
    first_names_label: Blob | None = None
    text_variable_seen: bool = False
    has_quotes: bool = True
    term_predecessor: bool = False  # after rendering
    disambiguate_counts: tuple[int, int] = (0, 0)  # conditions held, conditions tested


class Engine:
    """Shared, per-processor rendering machinery (locale, markup parser, serializers)."""

    def __init__(self, style: Style, locale: Locale) -> None:
        self.style = style
        self.locale = locale
        quotes = (
            locale.term("open-quote") or "\u201c",
            locale.term("close-quote") or "\u201d",
            locale.term("open-inner-quote") or "\u2018",
            locale.term("close-inner-quote") or "\u2019",
        )
        self.quotes = quotes
        self.markup = InlineMarkup(*quotes)
        self._serializers: dict[tuple[str, str], Serializer] = {}
        self.macro_failures: dict[Any, tuple[bool, bool]] = {}
        self.namereg: Any = None
        self._tested_variables = style.referenced_variables
        self._signatures: dict[str, int] = {}
        self._signature_ids: dict[Any, int] = {}  # record signatures, interned
        self._condition_ids: dict[Any, int] = {}  # see RenderContext.condition_signature
        self._cased_texts: dict[tuple[str, str, str], str] = {}  # see RenderContext.text_case

    def item_signature(self, item: Item) -> int:
        """The facts about a record that conditions and group success can depend on,
        as a small int (records with the same facts share it)."""
        signature = self._signatures.get(item.id)
        if signature is None:
            facts = record_signature(
                item, self._tested_variables, self.style.numeric_tested, self.locale
            )
            ids = self._signature_ids
            signature = ids.get(facts)
            if signature is None:
                signature = ids[facts] = len(ids)
            self._signatures[item.id] = signature
        return signature

    def serializer(self, fmt: OutputFormat, area: str) -> Serializer:
        key = (fmt.name, area)
        serializer = self._serializers.get(key)
        if serializer is None:
            decorations = list(self.style.layout_token(area).decorations)
            if area == "citation":
                serializer = Serializer(fmt, self.quotes, decorations)
            else:
                serializer = Serializer(fmt, self.quotes, [])
            self._serializers[key] = serializer
        return serializer

    def context(
        self,
        area: str,
        item: Item,
        cite: CiteItem | None,
        disamb: Disambiguation,
        citation_number: int | None,
        sort_key: bool = False,
    ) -> RenderContext:
        ctx = RenderContext(
            self.style, self.locale, area, item, cite, disamb, self.markup,
            citation_number, sort_key, self.item_signature(item), self.macro_failures,
        )  # fmt: skip
        ctx.namereg = self.namereg
        ctx.signature_ids = self._condition_ids
        ctx.cased_texts = self._cased_texts
        return ctx

    def render_tree(
        self,
        area: str,
        item: Item,
        cite: CiteItem | None,
        disamb: Disambiguation,
        citation_number: int | None,
        term_predecessor: bool = False,
    ) -> Rendered:
        """The tree of one cite (area "citation") or entry ("bibliography").

        ``term_predecessor`` carries over from the previous cite of a cluster (a term after
        it is not capitalised), as in citeproc-js.
        """
        ctx = self.context(area, item, cite, disamb, citation_number)
        ctx.term_predecessor = term_predecessor
        element = self.style.area_element(area)
        assert element is not None and element.layout is not None
        layout = element.layout
        level = layout.render_cite(ctx)
        layout_token: Token = layout.token
        if area == "bibliography":
            top = level.children()
            if top and layout_token.prefix:
                top[0].prefix = layout_token.prefix + top[0].prefix
            if self.style.using_display and top:
                if not ctx.empty_tail or self.style.second_field_align:
                    top[-1].suffix = layout_token.suffix
            else:
                level.suffix = layout_token.suffix
            root = Blob([level], Token(decorations=layout_token.decorations))
        else:
            root = level
        if ctx.markup_needed:
            apply_inline_markup(
                root, self.markup, list(layout_token.decorations) if area == "citation" else []
            )
        return Rendered(
            root, ctx.namesets, ctx.cite_renders_content, ctx.first_names_blob,
            ctx.first_names_plain, ctx.first_names_label, ctx.text_variable_seen,
            self.style.has_quotes or ctx.markup_needed, ctx.term_predecessor,
            (ctx.disambiguate_count, ctx.disambiguate_tested),
        )  # fmt: skip

    def finish(self, root: Blob, has_quotes: bool = True) -> None:
        clean_up(root, self.locale.punctuation_in_quote, has_quotes)

    def entry_string(self, rendered: Rendered, fmt: OutputFormat) -> str:
        self.finish(rendered.blob, rendered.has_quotes)
        return self.serializer(fmt, "bibliography").render(rendered.blob)
