"""Search results: the hits in order, and where in a record's text the query matched.

The index holds folded text, so SQLite cannot point into what a user reads; the
:class:`Highlighter` finds the matched words in the original text itself, folding each word
as the index does. Plain data only: the CLI decides how to draw a span. (No dataclasses
here: each costs about a millisecond of start-up.)
"""

from __future__ import annotations

from typing import NamedTuple

from .folding import COMPOUND, WORD, fold, run_together
from .query import Node, Term, positive_terms
from .records import Record

Span = tuple[int, int]

SNIPPET_WIDTH = 100
_LEAD = 40  # characters of context kept before the first match in a snippet


class Snippet(NamedTuple):
    """A stretch of text around a match, with the matched words as spans into it."""

    text: str
    spans: list[Span]


class Hit(NamedTuple):
    """One record found; *score* is its bm25 score (lower is better) when ranked."""

    record: Record
    score: float | None = None


class Highlighter:
    """Finds where the words of a query occur in a record's text."""

    def __init__(self, tree: Node | None = None) -> None:
        self.terms = positive_terms(tree) if tree is not None else []

    def spans(self, text: str, field: str | None = None) -> list[Span]:
        """Where a word of the query (one that may match *field*) occurs in *text*."""
        terms = [t for t in self.terms if t.field is None or field is None or t.field == field]
        if not terms or not text:
            return []
        tokens = [
            (m.start(), m.end(), part)
            for m in WORD.finditer(text)
            for part in WORD.findall(fold(m.group()))
        ]
        found: list[Span] = []
        for term in terms:
            found += _phrase_spans(term, tokens)
            # As in the index, joined words match run together: o'brien is obrien, and
            # covid-19 is covid19, written either way.
            joined = run_together(" ".join(term.words))
            for m in COMPOUND.finditer(text):
                if _matches(run_together(fold(m.group())), joined, term.prefix):
                    found.append((m.start(), m.end()))
            if len(term.words) > 1:
                found += [(a, b) for a, b, w in tokens if _matches(w, joined, term.prefix)]
        return _merged(found)

    def snippet(self, text: str, width: int = SNIPPET_WIDTH) -> Snippet | None:
        """About *width* characters of *text* around its first match; None if none."""
        flat = " ".join(text.split())
        spans = self.spans(flat, "abstract")
        if not spans:
            return None
        start = max(0, spans[0][0] - _LEAD)
        if start > 0:  # begin at a word
            start = flat.find(" ", start, spans[0][0]) + 1 or spans[0][0]
        end = min(len(flat), start + width)
        if end < len(flat):  # end at a word, after the first match
            cut = flat.rfind(" ", spans[0][1], end)
            end = cut if cut > 0 else end
        head = "…" if start > 0 else ""
        tail = "…" if end < len(flat) else ""
        shift = len(head) - start
        inside = [(a + shift, min(b, end) + shift) for a, b in spans if a < end]
        return Snippet(head + flat[start:end] + tail, inside)


def _matches(word: str, wanted: str, prefix: bool) -> bool:
    return word.startswith(wanted) if prefix else word == wanted


def _phrase_spans(term: Term, tokens: list[tuple[int, int, str]]) -> list[Span]:
    size = len(term.words)
    *leading, last = term.words
    found = []
    for i in range(len(tokens) - size + 1):
        if all(tokens[i + k][2] == w for k, w in enumerate(leading)) and _matches(
            tokens[i + size - 1][2], last, term.prefix
        ):
            found.append((tokens[i][0], tokens[i + size - 1][1]))
    return found


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class SearchResult:
    """What ``Library.search`` returns: the hits, best first, and how to highlight them."""

    def __init__(self, query: str, hits: list[Hit], highlighter: Highlighter) -> None:
        self.query = query
        self.hits = hits
        self.highlighter = highlighter

    def __repr__(self) -> str:
        return f"<SearchResult {self.query!r}: {len(self.hits)} hits>"

    @property
    def records(self) -> list[Record]:
        return [hit.record for hit in self.hits]

    def __len__(self) -> int:
        return len(self.hits)

    def __bool__(self) -> bool:
        return bool(self.hits)
