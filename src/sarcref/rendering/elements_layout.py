"""``cs:style``, ``cs:citation``, ``cs:bibliography``, ``cs:layout``, ``cs:sort``, ``cs:key``.

The style element is the compiled style: it holds the global options, the areas and the
element proxies. The layout renders one cite or entry into a blob the way citeproc-js
builds it: an entry node around a layout node, the layout prefix on the first child, the
suffix on the layout node, ``display`` blocks on top-level elements, and the
``second-field-align`` split into a left margin and a right-inline part.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

from .blob import Blob, Token
from .context import RenderContext
from .elements_base import NS, Compiler, RenderElement, register
from .elements_flow import Choose
from .elements_names import Names
from .leaves import text_leaf
from .style_options import (
    BibliographyOptions,
    CitationOptions,
    bibliography_options,
    citation_options,
    has_disambiguate_condition,
)
from .text_util import ENDS_ROMANESQUE, STARTS_ROMANESQUE

DISPLAY_CLASSES = ("block", "left-margin", "right-inline", "indent")
_LANGUAGE = re.compile(r"^([a-zA-Z]{2})(?:$|-.*|.*)")


@register("key")
class Key(RenderElement, model.Key):  # type: ignore[misc]
    variable: str | None
    macro: Any
    descending: bool
    names_min: int | None
    names_use_first: int | None
    names_use_last: bool | None

    def compile(self, compiler: Compiler) -> None:
        self.token = Token()
        self.display = None
        self.kids = []
        self.variable = self.get("variable")
        macro_name = self.get("macro")
        self.macro = compiler.macro(macro_name) if macro_name else None
        self.descending = self.get("sort") == "descending"
        self.names_min = _optional_int(self.get("names-min"))
        self.names_use_first = _optional_int(self.get("names-use-first"))
        use_last = self.get("names-use-last")
        self.names_use_last = None if use_last is None else use_last == "true"


def _optional_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@register("sort")
class Sort(RenderElement, model.Sort):  # type: ignore[misc]
    keys: list[Key]

    def compile(self, compiler: Compiler) -> None:
        super().compile(compiler)
        self.keys = [k for k in self.kids if isinstance(k, Key)]


@register("layout")
class Layout(RenderElement, model.Layout):  # type: ignore[misc]
    area: str

    def compile(self, compiler: Compiler) -> None:
        super().compile(compiler)
        parent = self.getparent()
        self.area = parent.local_name if parent is not None else "citation"

    def render_cite(self, ctx: RenderContext) -> Blob:
        """One cite or entry: the layout node (without the layout's own affixes)."""
        level = Blob([], Token())
        children = level.children()
        cite = ctx.cite
        if self.area == "citation" and cite is not None and cite.prefix:
            prefix, ignore = cite_prefix(cite.prefix)
            if ignore:
                ctx.term_predecessor = False
            leaf = text_leaf(ctx, prefix, Token(), ignore_predecessor=ignore)
            if leaf is not None:
                leaf.is_cite_prefix = True  # (see cluster._join_numbers)
                children.append(leaf)
        align = self.area == "bibliography" and bool(ctx.style.second_field_align)
        other: Blob | None = None
        for kid in self.kids:
            target = other.children() if other is not None else children
            self._render_top(ctx, kid, target, align)
            if align and other is None and ctx.render_seen:
                other = Blob([], Token(decorations=[("@display", "right-inline")]))
                children.append(other)
        if self.area == "citation" and cite is not None and cite.suffix:
            suffix = cite.suffix
            if STARTS_ROMANESQUE.match(suffix) or suffix[:1] in ("[", "("):
                suffix = " " + suffix
            leaf = text_leaf(ctx, suffix, Token())
            if leaf is not None:
                children.append(leaf)
        return level

    def _render_top(
        self, ctx: RenderContext, kid: RenderElement, out: list[Blob], align: bool
    ) -> None:
        if isinstance(kid, Choose):
            for inner in kid.taken_branch(ctx):
                self._render_top(ctx, inner, out, align)
            return
        if align and not ctx.render_seen:
            first = Blob([], Token(decorations=[("@display", "left-margin")]))
            kid.render(ctx, first.children())
            out.append(first)
            ctx.render_seen = True
            return
        display = kid.display if self.area == "bibliography" else None
        if display in DISPLAY_CLASSES and not align:
            wrapper = Blob([], Token(decorations=[("@display", display or "")]))
            kid.render(ctx, wrapper.children())
            out.append(wrapper)
            ctx.empty_tail = not wrapper.blobs
            return
        before = len(out)
        kid.render(ctx, out)
        if len(out) > before:
            ctx.empty_tail = False
        elif isinstance(kid, Names) or getattr(kid, "macro", None) is not None:
            # citeproc-js keeps an empty output node for these (not for other elements):
            # with display, the layout suffix goes on it and vanishes.
            ctx.empty_tail = True


_PREFIX_TAIL = re.compile("[\"'\u201d\u2019\u00bb\u202f\u00a0 ]+$")
_TAGS = re.compile(r"<[^>]+>")


def cite_prefix(prefix: str) -> tuple[str, bool]:
    """A cite prefix as citeproc-js spaces it, and whether it resets capitalisation.

    A prefix ending in a word, sentence punctuation, a bracket or a digit gets a space; a
    prefix of several words ending a sentence ("As said before.") lets a following term
    be capitalised, a one-word prefix ("Cf.") does not.
    """
    test = _PREFIX_TAIL.sub("", _TAGS.sub("", prefix))
    last = test[-1:]
    space = ""
    if (
        ENDS_ROMANESQUE.search(test)
        or (last and last in ":.;!?")
        or (last and last in ")],0123456789")
    ):
        space = " "
    ignore = bool(last) and last in ":.;!?" and " " in prefix.strip()
    return re.sub(r"\s+", " ", prefix + space), ignore


class Area(RenderElement):
    layout: Layout | None
    sort: Sort | None

    def compile(self, compiler: Compiler) -> None:
        super().compile(compiler)
        self.layout = next((k for k in self.kids if isinstance(k, Layout)), None)
        self.sort = next((k for k in self.kids if isinstance(k, Sort)), None)
        if self.layout is None:
            raise ValueError(f"<{self.local_name}> has no <layout>")

    def option(self, name: str, default: str | None = None) -> str | None:
        value = self.get(name)
        return default if value is None else value


@register("citation")
class Citation(Area, model.Citation):  # type: ignore[misc]
    pass


@register("bibliography")
class Bibliography(Area, model.Bibliography):  # type: ignore[misc]
    pass


@register("style")
class Style(RenderElement, model.Style):  # type: ignore[misc]
    """The compiled style. Its attributes are what the processor and elements read."""

    citation: Citation
    bibliography: Bibliography | None
    class_: str
    default_locale: str | None
    page_range_format: str | None
    demote_non_dropping_particle: str
    initialize_with_hyphen: bool
    second_field_align: str | None
    givenname_rule: str
    has_year_suffix_variable: bool
    sort_separator_char: str
    referenced_variables: frozenset[str]
    has_quotes: bool
    numeric_tested: frozenset[str]
    numeric_citations: bool
    position_et_al: bool
    citation_options: CitationOptions
    bibliography_options: BibliographyOptions | None
    has_disambiguate_condition: bool
    using_display: bool
    locale_elements: list[Any]
    nodes: list[Any]
    markup_tags: Any

    def compile(self, compiler: Compiler) -> None:
        self.token = Token()
        self.display = None
        self.kids = []
        self.locale_elements = list(self.iterchildren(NS + "locale"))
        citation = None
        bibliography = None
        for child in self.iterchildren():
            if isinstance(child, Citation):
                compiler.compile(child)
                citation = child
            elif isinstance(child, Bibliography):
                compiler.compile(child)
                bibliography = child
        if citation is None:
            raise ValueError("the style has no <citation>")
        self.citation = citation
        self.bibliography = bibliography
        self.class_ = self.get("class", "in-text")
        self.default_locale = self.get("default-locale")
        self.page_range_format = self.get("page-range-format")
        self.demote_non_dropping_particle = self.get(
            "demote-non-dropping-particle", "display-and-sort"
        )
        self.initialize_with_hyphen = self.get("initialize-with-hyphen") != "false"
        self.second_field_align = (
            bibliography.get("second-field-align") if bibliography is not None else None
        )
        self.givenname_rule = citation.get("givenname-disambiguation-rule", "by-cite")
        self.has_year_suffix_variable = any(
            node.get("variable") in ("year-suffix", "citation-label")
            for node in self.iter(NS + "text")
            if node.get("variable")
        )
        # citeproc-js joins the parts of a name sort key with "@" (ICU collation).
        self.referenced_variables = frozenset(
            {"title-short", "container-title-short", "page-first"}
            | {
                variable
                for node in self.iter()
                for attribute in ("variable", "is-numeric", "is-uncertain-date")
                for variable in (node.get(attribute) or "").split()
            }
        )
        self.numeric_tested = frozenset(
            variable for node in self.iter() for variable in (node.get("is-numeric") or "").split()
        )
        # citeproc-js's "update_mode = POSITION": some names truncate differently in
        # subsequent cites, so an item's registered (subsequent) form can differ.
        self.position_et_al = any(
            node.get(option) is not None
            for node in self.iter()
            for option in ("et-al-subsequent-min", "et-al-subsequent-use-first")
        )
        self.has_quotes = any(node.get("quotes") not in (None, "false") for node in self.iter())
        self.sort_separator_char = "|"
        self.numeric_citations = any(
            node.get("variable") == "citation-number" for node in citation.iter(NS + "text")
        ) or any(
            node.get("variable") == "citation-number"
            for name in _macro_names(citation)
            for macro in self.iterchildren(NS + "macro")
            if macro.get("name") == name
            for node in macro.iter(NS + "text")
        )
        layout = bibliography.layout if bibliography is not None else None
        self.using_display = bool(self.second_field_align) or bool(
            layout is not None and layout.kids and layout.kids[0].display
        )
        self.citation_options = citation_options(self, self.numeric_citations)
        self.bibliography_options = (
            bibliography_options(bibliography) if bibliography is not None else None
        )
        self.has_disambiguate_condition = has_disambiguate_condition(self)
        self.nodes = compiler.nodes

    def area_element(self, area: str) -> Any:
        if area == "bibliography":
            return self.bibliography
        return self.citation

    def is_english(self, item: Any) -> bool:
        """Whether title case applies to the item (citeproc-js's field locale test)."""
        language = getattr(item, "language", "")
        if language:
            match = _LANGUAGE.match(language)
            lang = match.group(1).lower() if match else "tlh"
        else:
            lang = (self.default_locale or "en-US")[:2].lower()
        return lang == "en"

    def layout_token(self, area: str) -> Token:
        element = self.area_element(area)
        if element is None or element.layout is None:
            return Token()
        token: Token = element.layout.token
        return token


def _macro_names(element: Any) -> set[str]:
    return {node.get("macro") for node in element.iter(NS + "text") if node.get("macro")}


def compile_style(root: Any) -> Style:
    if not isinstance(root, Style):
        raise ValueError("the root element is not a CSL <style>")
    compiler = Compiler(root)
    compiler.compile(root)
    return root
