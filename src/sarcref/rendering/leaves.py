"""Turning a rendered string into a leaf blob, the way citeproc-js appends output.

The string is cleaned up as citeproc-js does before it enters the tree: a space before
``:;?!»`` becomes a narrow no-break space, leading sentence punctuation moves into the prefix
(so it can merge with the preceding affix), ``text-case`` and ``strip-periods`` apply, and
italics are dropped on strings without any letter of a cased script (e.g. CJK titles).
"""

from __future__ import annotations

import re

from .blob import Blob, Token
from .context import RenderContext
from .markup import may_hold_markup
from .text_util import ROMANESQUE, TERMINAL_PUNCTUATION

_SPACE_BEFORE_PUNCT = re.compile(" ([:;?!\u00bb])")
_SPACE_QUOTE = re.compile(r"\s+'")
_STRIP_PERIODS = re.compile(r"\.([^a-z]|$)")


def text_leaf(
    ctx: RenderContext,
    text: str,
    token: Token,
    *,
    not_serious: bool = False,
    ignore_predecessor: bool = False,
    no_strip_periods: bool = False,
    text_case: str | None = None,
) -> Blob | None:
    """A leaf for ``text`` formatted by ``token``; None for an empty string."""
    if not text:
        return None
    if ctx.sort_dates_only and not not_serious:
        return None  # only dates (and names) count in a date macro's sort key
    if not_serious:
        ignore_predecessor = True
    if " " in text:
        if _SPACE_BEFORE_PUNCT.search(text):  # (a search is much cheaper than a sub)
            text = _SPACE_BEFORE_PUNCT.sub("\u202f\\1", text)
        text = text.replace("\u00ab ", "\u00ab\u202f")
    if "'" in text:
        text = _SPACE_QUOTE.sub(" '", text)
    if not not_serious and text[:1] == "'":
        text = " '" + text[1:]
    if not ignore_predecessor:
        ctx.term_predecessor = True
    blob = Blob(text, token)
    first = text[0]
    if first != " " and first in TERMINAL_PUNCTUATION:
        moved = ""
        rest = text
        while rest[:1] and rest[:1] in TERMINAL_PUNCTUATION:
            moved += rest[:1]
            rest = rest[1:]
        if rest and moved:
            blob.prefix += moved
            text = rest
    case = text_case if text_case is not None else token.text_case
    if case:
        text = ctx.text_case(case, text)
    if (ctx.strip_periods or token.strip_periods) and not no_strip_periods:
        text = _STRIP_PERIODS.sub(r"\1", text)
    blob.blobs = text
    if may_hold_markup(text):
        blob.has_markup = True
        ctx.markup_needed = True
    if blob.decorations and not ROMANESQUE.search(text):
        blob.decorations = tuple(d for d in blob.decorations if d[0] != "@font-style")
    return blob


def plain_leaf(text: str, token: Token | None = None) -> Blob:
    """A leaf that takes no part in markup parsing (joiners, literal punctuation)."""
    return Blob(text, token)
