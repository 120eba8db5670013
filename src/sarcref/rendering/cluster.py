"""Citation clusters: sorting cites, collapsing, and joining them with the right delimiters.

Collapsing works on the output trees of the cites, never on finished strings: consecutive
citation numbers become ranges (``1–3``, two in a row stay separate), and with
``collapse="year"`` the names node of a cite with the same names as the previous cite is
dropped (``Einstein, 1905a, 1905b``); with ``year-suffix`` the year is dropped too when it
repeats (``1905a, b``). ``cite-group-delimiter``, ``after-collapse-delimiter`` and
``year-suffix-delimiter`` apply as the CSL specification describes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from .author_modes import apply_cite_mode
from .blob import Blob
from .context import CiteItem
from .pipeline import Rendered
from .sorting import SortKeyMaker, sort_by_keys

if TYPE_CHECKING:
    from .processor import Processor

_TERMINAL = (":", ".", ";", "!", "?")


class _Cite:
    __slots__ = ("cite", "rendered", "names_text", "year_text", "number", "number_only", "text",
                 "collapsed", "have_collapsed", "suffix_number", "same_names",
                 "number_start")  # fmt: skip

    def __init__(self, cite: CiteItem, rendered: Rendered, number: int) -> None:
        self.cite = cite
        self.rendered = rendered
        self.names_text = ""
        self.year_text = ""
        self.number = number
        self.number_only = False
        self.number_start = False  # a number, maybe after a cite prefix: a range may start here
        self.text = ""
        self.collapsed = ""  # "", "names" or "year"
        self.have_collapsed = False  # citeproc-js's flag: same names, no other text variable
        self.suffix_number = -2
        self.same_names = False  # names as the previous cite's (cite grouping, no collapse)


def sort_cites(processor: Processor, cites: list[CiteItem], grouped: bool) -> list[CiteItem]:
    """Cites in the citation ``<sort>`` order.

    ``grouped`` keeps one author's cites together in in-text styles that collapse or
    group cites, as citeproc-js's processCitationCluster does (its makeCitationCluster,
    which renders one cluster on its own, sorts by the keys alone).
    """
    maker = SortKeyMaker(processor.engine, "citation")
    if not maker.active or len(cites) < 2:
        return cites
    descending = [k.descending for k in maker.keys]

    def key(cite: CiteItem, index: int) -> str:
        item = processor.items[cite.id]
        return str(
            processor.guard(
                item,
                lambda: maker.key_for(
                    item, index, processor.numbers.get(cite.id), processor.disamb.get(cite.id)
                ),
            )
        )

    if grouped and processor.root.citation_options.grouped_sort:
        return _grouped_sort_cites(processor, cites, key, descending)
    return sort_by_keys(cites, key, descending, language=processor.collation)


def _grouped_sort_cites(
    processor: Processor,
    cites: list[CiteItem],
    key: Callable[[CiteItem, int], str],
    descending: list[bool],
) -> list[CiteItem]:
    authors = {id(c): _author_string(processor, c) for c in cites}
    first_pass = sort_by_keys(
        cites,
        lambda c, index: authors[id(c)] if index == 0 else key(c, index - 1),
        [descending[0], *descending],
        language=processor.collation,
    )
    group_keys: dict[int, str] = {}
    last_author: str | None = None
    group_key = ""
    for position, cite in enumerate(first_pass):
        if authors[id(cite)] != last_author:
            group_key = key(cite, 0)
        group_keys[id(cite)] = f"{group_key}{position}"
        last_author = authors[id(cite)]
    return sort_by_keys(
        first_pass,
        lambda c, index: group_keys[id(c)] if index == 0 else key(c, index - 1),
        [descending[0], *descending],
        language=processor.collation,
    )


def _author_string(processor: Processor, cite: CiteItem) -> str:
    item = processor.items[cite.id]
    rendered = processor.guard(
        item,
        lambda: processor.engine.render_tree(
            "citation", item, CiteItem(cite.id), processor.disamb[cite.id],
            processor.numbers.get(cite.id),
        ),
    )  # fmt: skip
    names = rendered.first_names
    return processor.plain.render(names) if names is not None else ""


# A locator that starts with a label abbreviation ("vol. 2") carries its own label, as
# citeproc-js reads it (its locator_label_parse), unless a label other than page is given.
_LOCATOR_LABELS = {
    "art": "article", "bk": "book", "ch": "chapter", "subch": "subchapter", "col": "column",
    "fig": "figure", "fol": "folio", "l": "line", "n": "note", "no": "issue", "op": "opus",
    "p": "page", "pp": "page", "para": "paragraph", "subpara": "subparagraph", "pt": "part",
    "r": "rule", "sec": "section", "subsec": "subsection", "sv": "sub-verbo",
    "sch": "schedule", "tit": "title", "vrs": "verse", "vol": "volume",
}  # fmt: skip
_LOCATOR_LABEL = re.compile(r"^((" + "|".join(_LOCATOR_LABELS) + r")\.)\s+(.*)", re.S)
_LEGAL_TYPES = frozenset(("bill", "gazette", "legislation", "regulation", "treaty"))


def _with_locator_label(processor: Processor, cite: CiteItem) -> CiteItem:
    if not cite.locator or cite.label not in ("", "page"):
        return cite
    if processor.items[cite.id].type in _LEGAL_TYPES:
        return cite
    match = _LOCATOR_LABEL.match(cite.locator)
    if match is None:
        return cite
    label = _LOCATOR_LABELS[match.group(2)]
    if not processor.locale.term(label):
        return cite
    return dataclasses.replace(cite, label=label, locator=match.group(3))


def render_cluster(processor: Processor, cites: list[CiteItem], sort: bool = True) -> str:
    engine = processor.engine
    options = processor.root.citation_options
    cites = [_with_locator_label(processor, cite) for cite in cites]
    if sort:
        cites = sort_cites(processor, cites, grouped=False)
    entries: list[_Cite] = []
    predecessor = False
    for cite in cites:
        item = processor.items[cite.id]
        number = processor.numbers.get(cite.id, 0)
        rendered = processor.guard(
            item,
            partial(
                engine.render_tree,
                "citation", item, cite, processor.disamb[item.id], number, predecessor,
            ),
        )  # fmt: skip
        predecessor = rendered.term_predecessor
        apply_cite_mode(processor, cite, rendered)
        entries.append(_Cite(cite, rendered, number))
    collapse = options.collapse
    if collapse in ("year", "year-suffix", "year-suffix-ranged"):
        _collapse_names(processor, entries, collapse)
    elif options.cite_group_delimiter is not None:
        _mark_groups(processor, entries)
    # Layout affixes sit on the first and last cite, inside the punctuation clean-up.
    suffix = options.layout_suffix
    if suffix[:1] in _TERMINAL:
        suffix = suffix[:1]
    if entries:
        entries[0].rendered.blob.prefix = options.layout_prefix
        entries[-1].rendered.blob.suffix = suffix
    serializer = engine.serializer(processor.fmt, "citation")
    for entry in entries:
        engine.finish(entry.rendered.blob)
        entry.text = serializer.render(entry.rendered.blob)
        entry.number_only = _is_number_only(entry.rendered.blob)
        entry.number_start = entry.number_only or _is_number_only(entry.rendered.blob, True)
    # citeproc-js prints its placeholder for the first cite only (an empty cite elsewhere
    # is left out), and asks the cluster's last cite whether it suppresses its author.
    if entries:
        first = entries[0]
        if not first.text and not entries[-1].cite.suppress_author and not first.collapsed:
            first.text = _no_printed_form(processor, first, entries, options.layout_prefix, suffix)
    result = _join(processor, entries, collapse, options.layout_delimiter)
    if not result:
        return "[NO_PRINTED_FORM]"
    if entries and not entries[-1].text:
        result += processor.fmt.escape(suffix)  # the layout suffix outlives an empty last cite
    if entries and not entries[0].text:  # (an empty suppress-author cite: citeproc-js loses
        result = processor.fmt.escape(options.layout_prefix) + result  # the prefix; not sarcref)
    quotes = engine.quotes
    for decoration in options.layout_decorations:
        if decoration[1] == "normal":
            continue
        result = processor.fmt.decorate(decoration, result, quotes)
    return result


def _join(processor: Processor, entries: list[_Cite], collapse: str, delimiter: str) -> str:
    if collapse == "citation-number":
        return _join_numbers(processor, entries, delimiter)
    options = processor.root.citation_options
    esc = processor.fmt.escape
    after_collapse = options.after_collapse_delimiter
    group_delimiter = options.cite_group_delimiter
    successor = group_delimiter
    if successor is None:
        successor = options.year_suffix_delimiter
    if successor is None:
        successor = delimiter
    in_text = processor.root.class_ == "in-text"
    range_delimiter = processor.locale.term("citation-range-delimiter") or "\u2013"
    visible = [entry for entry in entries if entry.text]
    statuses = _suffix_statuses(visible, collapse == "year-suffix-ranged")
    parts: list[str] = []
    for index, entry in enumerate(visible):
        status = statuses[index]
        if status == _SUPPRESS:
            continue
        if index:
            previous = visible[index - 1]
            splice = _splice_delimiter(
                entry, previous, delimiter, after_collapse, group_delimiter, collapse, in_text
            )
            if status == _END:
                splice = range_delimiter
            elif status == _SUCCESSOR:
                splice = successor
            splice = _affix_adjusted(splice, previous.cite, entry.cite)
            parts.append(esc(splice))
        parts.append(entry.text)
    return "".join(parts)


# citeproc-js's statuses of the numbers in a row of collapsed year suffixes
# (CSL.NumericBlob.checkNext and checkLast): a successor is joined with the year-suffix
# delimiter, a suffix "seen" out of sequence with the cite delimiter, and with
# year-suffix-ranged a run of three or more becomes a range (the middle suppressed).
_START, _SEEN, _SUCCESSOR, _SUCCESSOR_OF_SUCCESSOR, _END, _SUPPRESS = range(6)


def _suffix_statuses(visible: list[_Cite], ranged: bool) -> list[int]:
    statuses = [_START] * len(visible)
    index = 0
    while index < len(visible):
        end = index + 1
        while end < len(visible) and visible[end].collapsed == "year":
            end += 1
        if end - index > 1 and visible[index].suffix_number >= 0:
            numbers = [entry.suffix_number for entry in visible[index:end]]
            statuses[index:end] = _run_statuses(numbers, ranged)
        index = end
    return statuses


def _run_statuses(numbers: list[int], ranged: bool) -> list[int]:
    """The statuses of one row of suffix numbers: the first cite's, then the collapsed."""
    last = len(numbers) - 1
    statuses = [_START] * len(numbers)
    for i in range(last + 1):
        this = statuses[i]
        if i == last or numbers[i + 1] != numbers[i] + 1:
            if this == _SUCCESSOR_OF_SUCCESSOR:
                statuses[i] = _END
            if i < last:
                statuses[i + 1] = _SEEN
        elif this in (_START, _SEEN):
            statuses[i + 1] = _SUCCESSOR
        elif ranged:
            statuses[i + 1] = _SUCCESSOR_OF_SUCCESSOR
            statuses[i] = _SUPPRESS
        else:
            statuses[i + 1] = _SUCCESSOR
    # The last join out of sequence is made a successor's (citeproc-js's checkLast).
    for i in range(last, 0, -1):
        if statuses[i] == _SEEN or (statuses[i] == _SUCCESSOR and numbers[i - 1] != numbers[i] - 1):
            statuses[i] = _SUCCESSOR
            break
    return statuses


def _affix_adjusted(splice: str, previous: CiteItem, current: CiteItem) -> str:
    """No delimiter punctuation after a cite suffix or before a cite prefix that has it."""
    previous_ends = bool(previous.suffix) and previous.suffix[-1] in ";.,"
    current_starts = not previous.suffix and current.prefix[:1] in (";", ".", ",")
    if previous_ends or current_starts:
        space = splice.find(" ")
        if space > -1 and not current_starts:
            return splice[space:]
        return ""
    return splice


def _splice_delimiter(
    entry: _Cite,
    previous: _Cite,
    delimiter: str,
    after_collapse: str | None,
    group_delimiter: str | None,
    collapse: str,
    in_text: bool,
) -> str:
    """citeproc-js's getSpliceDelimiter, from the collapsed state of this and the last cite."""
    if after_collapse is not None:
        if previous.cite.locator:
            return after_collapse
        if previous.have_collapsed and not entry.have_collapsed:
            return after_collapse
        if not previous.have_collapsed and not entry.have_collapsed and collapse != "year-suffix":
            return after_collapse
        return delimiter
    if group_delimiter is not None and (entry.collapsed or entry.same_names):
        return group_delimiter
    if entry.have_collapsed and in_text:
        return ", "
    return delimiter


def _no_printed_form(
    processor: Processor, entry: _Cite, entries: list[_Cite], prefix: str, suffix: str
) -> str:
    """citeproc-js's placeholder for a cite that renders nothing."""
    esc = processor.fmt.escape
    text = "[CSL STYLE ERROR: reference with no printed form.]"
    if entry is entries[0]:
        text = esc(prefix) + text
    if entry is entries[-1]:
        text += esc(suffix)
    return text


def _join_numbers(processor: Processor, entries: list[_Cite], delimiter: str) -> str:
    esc = processor.fmt.escape
    range_delimiter = processor.locale.term("citation-range-delimiter") or "\u2013"
    parts: list[str] = []
    index = 0
    visible = [e for e in entries if e.text]
    while index < len(visible):
        entry = visible[index]
        end = index
        if entry.number_start:  # ("see 1–3": citeproc-js lets a range start after a prefix)
            while (
                end + 1 < len(visible)
                and visible[end + 1].number_only
                and visible[end + 1].number == visible[end].number + 1
            ):
                end += 1
        if parts:
            parts.append(esc(delimiter))
        if end - index >= 2:
            parts.append(entry.text + esc(range_delimiter) + visible[end].text)
            index = end + 1
            continue
        parts.append(entry.text)
        index += 1
    return "".join(parts)


def _is_number_only(blob: Blob, after_prefix: bool = False) -> bool:
    leaves: list[Blob] = []
    _leaves(blob, leaves)
    texts = [leaf for leaf in leaves if leaf.blobs]
    if after_prefix and texts and texts[0].is_cite_prefix:
        texts = texts[1:]
    return len(texts) == 1 and texts[0].is_number


def _leaves(blob: Blob, out: list[Blob]) -> None:
    if isinstance(blob.blobs, str):
        out.append(blob)
        return
    for child in blob.blobs:
        _leaves(child, out)


def _collapse_names(processor: Processor, entries: list[_Cite], collapse: str) -> None:
    plain = processor.plain
    previous: _Cite | None = None
    # Cites of a style that prints no names at all count as having the same names.
    nameless = not processor.root.citation_options.uses_names
    for entry in entries:
        suffix = processor.disamb[entry.cite.id].year_suffix
        entry.suffix_number = suffix if suffix is not None else -2
        names = entry.rendered.first_names
        entry.names_text = plain.render(names) if names is not None else ""
        entry.year_text = _year_text(entry.rendered.blob)
        if previous is not None and (
            nameless
            or (names is not None and entry.names_text and entry.names_text == previous.names_text)
        ):
            if names is not None:
                names.blobs = []
            entry.collapsed = "names"
            entry.have_collapsed = not entry.rendered.text_variable_seen
            if (
                collapse in ("year-suffix", "year-suffix-ranged")
                and entry.year_text
                and entry.year_text == previous.year_text
                and processor.disamb[entry.cite.id].year_suffix is not None
            ):
                _drop_year(entry.rendered.blob)
                entry.collapsed = "year"
        elif names is None:
            entry.have_collapsed = not entry.rendered.text_variable_seen
        previous = entry


def _mark_groups(processor: Processor, entries: list[_Cite]) -> None:
    """Cites of one author that follow each other (cite grouping without collapsing)."""
    previous = ""
    for entry in entries:
        names = entry.rendered.first_names
        text = processor.plain.render(names) if names is not None else ""
        entry.same_names = bool(text) and text == previous
        previous = text


def _year_text(blob: Blob) -> str:
    leaves: list[Blob] = []
    _leaves(blob, leaves)
    for leaf in leaves:
        if isinstance(leaf.blobs, str) and leaf.blobs.isdigit() and len(leaf.blobs) == 4:
            return leaf.blobs
    return ""


def _drop_year(blob: Blob) -> bool:
    children = blob.blobs
    if isinstance(children, str):
        return False
    for child in children:
        if isinstance(child.blobs, str) and child.blobs.isdigit() and len(child.blobs) == 4:
            child.blobs = ""
            return True
        if _drop_year(child):
            return True
    return False
