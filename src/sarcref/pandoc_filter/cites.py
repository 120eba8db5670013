"""Rendering a document's citations with sarcref's engine, as pandoc inlines.

Each ``Cite`` becomes one or more *units*: a narrative unit for each author-in-text
citation (``@doe [p. 3]`` is the author-only form, a space, then the suppress-author
cluster, as citeproc-js's composite citations), and a cluster for the others. All units
go through cite positions together (first, subsequent, ibid, near-note), so note styles
get "Ibid." and short forms where citeproc-js prints them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .affixes import Affixes
from .ast import Element, Note, Para, Space, Str
from .collect import FoundCitation
from .locators import label_forms, split_locator, text_inlines

if TYPE_CHECKING:
    from ..rendering import CiteItem, Processor
    from ..rendering.positions import CitationInput


@dataclass
class Unit:
    """One cluster of a citation: its known cites, its missing keys, and, for a narrative
    citation, the cite whose author goes in the text."""

    cites: list[CiteItem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    narrative: bool = False
    citation: CitationInput | None = None


class CitationRenderer:
    def __init__(
        self,
        processor: Processor,
        known: set[str],
        *,
        note_style: bool,
    ) -> None:
        self.processor = processor
        self.known = known
        self.note_style = note_style
        self.affixes = Affixes()
        from ..rendering.locale import build_locale

        plain_locale = build_locale(processor.locale.lang, [])
        self.forms = label_forms(processor.locale, plain_locale)
        layout = processor.root.citation.layout
        self.layout = layout.token if layout is not None else None

    # -- planning ------------------------------------------------------------------------
    def units(self, found: FoundCitation) -> list[Unit]:
        """The units of one citation, with their cites (missing keys kept apart)."""
        from ..rendering import CiteItem

        units: list[Unit] = []
        for citation in found.element["c"][0]:
            key = str(citation.get("citationId", ""))
            if key == "*":
                continue
            mode = (citation.get("citationMode") or {}).get("t", "NormalCitation")
            if mode == "AuthorInText" or not units:
                units.append(Unit(narrative=mode == "AuthorInText"))
            unit = units[-1]
            if key not in self.known:
                unit.missing.append(key)
                continue
            label, locator, suffix = split_locator(citation.get("citationSuffix") or [], self.forms)
            prefix = self.affixes.text(citation.get("citationPrefix") or [])
            unit.cites.append(
                CiteItem(
                    key,
                    locator=locator,
                    label=label if locator else "",
                    prefix=prefix + " " if prefix and mode != "AuthorInText" else "",
                    suffix=self.affixes.text(suffix),
                    suppress_author=mode in ("SuppressAuthor", "AuthorInText"),
                )
            )
        return units

    def citation_inputs(self, found: FoundCitation, units: list[Unit]) -> list[CitationInput]:
        from ..rendering.positions import CitationInput

        inputs: list[CitationInput] = []
        for unit in units:
            if not unit.cites:
                continue
            note = found.note if self.note_style else 0
            unit.citation = CitationInput(list(unit.cites), note)
            unit.citation.sorted_cites = self.processor.sort_cites(unit.citation.cites)
            inputs.append(unit.citation)
        return inputs

    # -- rendering -----------------------------------------------------------------------
    def render(self, found: FoundCitation, units: list[Unit]) -> list[Element]:
        """The new content of the ``Cite`` element."""
        pieces: list[list[Element]] = []
        for unit in units:
            pieces.append(self.unit_inlines(found, unit))
        content: list[Element] = []
        for index, piece in enumerate(p for p in pieces if p):
            if index:
                content += [Str(";"), Space()]
            content += piece
        return content

    def unit_inlines(self, found: FoundCitation, unit: Unit) -> list[Element]:
        cluster = self.cluster(unit)
        author: list[Element] = []
        if unit.narrative and unit.cites:
            author = self.author(unit.cites[0])
        if not self.note_style:
            return _joined(author, cluster)
        if not found.in_note:
            note = [Note([Para(capitalize_first(cluster))])] if cluster else []
            return author + note
        if found.first_in_note and not author:
            return cluster
        if author:  # (pandoc's form inside a footnote: "Doe, Book Title (2020)")
            return _joined(author + [Str(",")], remove_final_period(cluster))
        return [Str("("), *remove_final_period(cluster), Str(")")] if cluster else []

    def cluster(self, unit: Unit) -> list[Element]:
        from ..rendering.pandoc_output import html_to_inlines

        inlines: list[Element] = []
        if unit.citation is not None:
            cites = unit.citation.sorted_cites
            html = self.processor.citation([c.id for c in cites], cites)
            inlines = self.affixes.restore(html_to_inlines(html))
        if unit.missing:
            missing = self.missing(unit.missing)
            inlines = _joined(inlines, missing)
        return inlines

    def author(self, cite: CiteItem) -> list[Element]:
        from ..rendering.author_modes import author_only
        from ..rendering.pandoc_output import html_to_inlines

        author_cite = dataclasses.replace(cite, suppress_author=False, author_only=True)
        html = author_only(self.processor, author_cite)
        return self.affixes.restore(html_to_inlines(html)) if html else []

    def missing(self, keys: list[str]) -> list[Element]:
        """What pandoc's citeproc prints for keys it cannot find: ``(**doe?**)``."""
        token = self.layout
        prefix, suffix, delimiter = (
            (token.prefix, token.suffix, token.delimiter) if token is not None else ("", "", "; ")
        )
        out: list[Element] = [Str(prefix)] if prefix else []
        for index, key in enumerate(keys):
            if index and delimiter:
                out += text_inlines(delimiter)
            out.append({"t": "Strong", "c": [Str(key + "?")]})
        if suffix:
            out += text_inlines(suffix)
        return out


def _joined(first: list[Element], second: list[Element]) -> list[Element]:
    if first and second:
        return [*first, Space(), *second]
    return first or second


def capitalize_first(inlines: list[Element]) -> list[Element]:
    """The first letter upper-cased, if it is a lower-case letter (pandoc does this to the
    notes it makes: "ibid." opens a note as "Ibid.")."""
    done = False

    def walk(items: list[Element]) -> list[Element]:
        nonlocal done
        out: list[Element] = []
        for item in items:
            if done:
                out.append(item)
                continue
            kind = item.get("t")
            content = item.get("c")
            if kind == "Str":
                text = str(content)
                if text and text[0].islower():
                    item = Str(text[0].upper() + text[1:])
                done = bool(text)
            elif kind in ("Span", "Link") and isinstance(content, list):
                item = {"t": kind, "c": [content[0], walk(content[1]), *content[2:]]}
            elif kind in ("Emph", "Strong", "SmallCaps", "Underline") and isinstance(content, list):
                item = {"t": kind, "c": walk(content)}
            elif kind not in ("Space", "SoftBreak"):
                done = True
            out.append(item)
        return out

    return walk(inlines)


# Words whose period is not the sentence's: "(Ibid.)" keeps it.
_ABBREVIATIONS = frozenset(
    "ibid. id. ed. eds. al. n.d. trans. comp. vol. vols. repr. rev. no. p. pp. ch. chap. "
    "sec. fig. ff. cf. etc. s.v. op. cit. loc.".split()
)


def _is_abbreviation(word: str) -> bool:
    word = word.lstrip("(\u201c\u2018[").casefold()
    return word in _ABBREVIATIONS or (len(word) == 2 and word[0].isalpha())  # (an initial)


def remove_final_period(inlines: list[Element]) -> list[Element]:
    """Without the period that ends them (a citation inside a footnote, in parentheses);
    an abbreviation keeps its period."""
    if not inlines:
        return inlines
    last = inlines[-1]
    kind = last.get("t")
    content = last.get("c")
    if kind == "Str":
        text = str(content)
        if text.endswith(".") and not _is_abbreviation(text):
            return [*inlines[:-1], *([Str(text[:-1])] if text[:-1] else [])]
        if text[-1:] in ("\u201d", "\u2019", "\u00bb") and text[:-1].endswith("."):
            return [*inlines[:-1], Str(text[:-2] + text[-1])]
        return inlines
    if kind in ("Span", "Link") and isinstance(content, list):
        return [*inlines[:-1], {"t": kind, "c": [content[0], remove_final_period(content[1]),
                                                 *content[2:]]}]  # fmt: skip
    if kind in ("Emph", "Strong", "SmallCaps") and isinstance(content, list):
        return [*inlines[:-1], {"t": kind, "c": remove_final_period(content)}]
    return inlines
