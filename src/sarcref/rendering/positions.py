"""Cite positions across a document of citations (first, subsequent, ibid, near-note).

Citations come in document order, each with its note number (0 for in-text citations) and
its cites already in display order. Positions follow citeproc-js: ibid needs the same item
right before (in the same citation, in the same note, or as the only cite of the previous,
adjacent note), and the locators decide between ibid, ibid-with-locator and subsequent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import CiteItem

FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR = 0, 1, 2, 3


@dataclass
class CitationInput:
    """One citation of a document: its cites, note number and identifier."""

    cites: list[CiteItem]
    note_index: int = 0
    citation_id: str = ""
    mode: str = ""  # "", "author-only" or "suppress-author"
    sorted_cites: list[CiteItem] = field(default_factory=list)


def assign_positions(citations: list[CitationInput], near_note_distance: int = 5) -> None:
    """Set position, near-note and first-reference-note-number on every cite.

    In-text citations (note 0) and note citations are tracked separately, as citeproc-js
    does.
    """
    _assign(
        [c for c in citations if not c.note_index], near_note_distance
    )  # fmt: skip
    _assign([c for c in citations if c.note_index], near_note_distance)


def _assign(citations: list[CitationInput], near_note_distance: int) -> None:
    first_ref: dict[str, int] = {}
    last_ref: dict[str, int] = {}
    notes: dict[int, int] = {}  # cites per note so far
    for j, citation in enumerate(citations):
        if j > 0 and citation.note_index and citations[j - 1].note_index > citation.note_index:
            notes, first_ref, last_ref = {}, {}, {}
        cites = citation.sorted_cites or citation.cites
        notes[citation.note_index] = notes.get(citation.note_index, 0) + len(cites)
        for k, cite in enumerate(cites):
            item_id = cite.id
            cite.first_reference_note_number = None
            cite.near_note = False
            if item_id not in last_ref and citation.mode != "author-only":
                first_ref[item_id] = citation.note_index
                last_ref[item_id] = citation.note_index
                cite.position = FIRST
            else:
                ibid, subsequent = _backward(citations, j, k, cites, notes)
                previous: CiteItem | None = None
                if ibid:
                    if k > 0:
                        previous = cites[k - 1]
                    else:
                        prev_cites = citations[j - 1].sorted_cites or citations[j - 1].cites
                        previous = prev_cites[0]
                position = _ibid_position(previous, cite) if ibid else None
                if position is None:
                    subsequent = True
                else:
                    cite.position = position
                if subsequent:
                    cite.position = SUBSEQUENT
                    if item_id not in first_ref:
                        first_ref[item_id] = citation.note_index
                if citation.mode == "author-only":
                    cite.position = FIRST
                if first_ref.get(item_id) != citation.note_index:
                    cite.first_reference_note_number = first_ref.get(item_id)
            if citation.note_index:
                distance = citation.note_index - last_ref.get(item_id, citation.note_index)
                if cite.position != FIRST and distance <= near_note_distance:
                    cite.near_note = True
                last_ref[item_id] = citation.note_index
            elif cite.position != FIRST:
                cite.near_note = True


def _backward(
    citations: list[CitationInput], j: int, k: int, cites: list[CiteItem], notes: dict[int, int]
) -> tuple[bool, bool]:
    citation = citations[j]
    item_id = cites[k].id
    previous_citation = citations[j - 1] if j > 0 else None
    previous_cites = (
        (previous_citation.sorted_cites or previous_citation.cites) if previous_citation else []
    )
    if (
        previous_citation is not None
        and k == 0
        and (previous_citation.note_index != citation.note_index)
    ):
        if (
            previous_cites
            and previous_cites[0].id == item_id
            and previous_citation.note_index >= citation.note_index - 1
            and (notes.get(previous_citation.note_index) == 1 or previous_citation.note_index == 0)
        ):
            return True, False
        return False, True
    if k > 0 and cites[k - 1].id == item_id:
        return True, False
    if (
        k == 0
        and previous_citation is not None
        and previous_citation.note_index == citation.note_index
        and previous_cites
        and previous_cites[-1].id == item_id
    ):
        return True, False
    return False, True


def _ibid_position(previous: CiteItem | None, cite: CiteItem) -> int | None:
    if previous is None:
        return None
    prev_locator = f"{previous.locator}{previous.label}" if previous.locator else ""
    curr_locator = f"{cite.locator}{cite.label}" if cite.locator else ""
    if prev_locator and not curr_locator:
        return None
    if not prev_locator and curr_locator:
        return IBID_WITH_LOCATOR
    if not prev_locator and not curr_locator:
        return IBID
    if curr_locator == prev_locator:
        return IBID
    return IBID_WITH_LOCATOR
