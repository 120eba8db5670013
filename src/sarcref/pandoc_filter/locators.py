"""A locator at the start of a citation's suffix, read as pandoc reads it.

Labels are the locale's terms as the style has them (``ch.`` in MLA) and, besides pandoc,
the locale's own (``chap.``), so that ``[@doe, chap. 2]`` is a chapter in every style.

``[@doe, p. 3]``, ``[@doe, chap. 2, and elsewhere]``, ``[@doe, paras. 4-5]``, ``[@doe, 33]``
(a page), ``[@doe, {IV, 3}]`` (anything in braces), ``[@doe, §4]``: a label is any form of a
locator term of the locale (long, short or symbol, singular or plural, any case), the
longest that is followed by a locator; the locator is words with digits (or roman numerals
after an explicit label), joined by commas, semicolons, ranges and dots (``3.2``); what
follows is the suffix. Without a label, the locator is a page and needs a digit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .ast import Element, Space, Str, is_text

if TYPE_CHECKING:
    from ..rendering.locale import Locale

# The locator terms pandoc's citeproc looks for (CSL's locator labels).
LOCATOR_TERMS = (
    "book", "chapter", "column", "figure", "folio", "issue", "line", "note", "opus",
    "page", "paragraph", "part", "section", "sub-verbo", "verse", "volume",
)  # fmt: skip
_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_RANGE_PUNCTUATION = "-\u2013:"
_LONGEST_LABEL = 40


def label_forms(*locales: Locale) -> dict[str, str]:
    """Each written form of a locator term (case-folded) -> the term's name; the first
    locale's forms win (the style's, then the plain locale's)."""
    forms: dict[str, str] = {}
    for locale in locales:
        for name in LOCATOR_TERMS:
            for form in ("long", "short", "symbol"):
                for plural in (0, 1):
                    text = locale.term(name, form, plural)
                    if text and text.strip():
                        forms.setdefault(text.strip().casefold(), name)
    return forms


def split_locator(
    suffix: Sequence[Element], forms: dict[str, str]
) -> tuple[str, str, list[Element]]:
    """(label, locator, the rest of the suffix); ("", "", suffix) when it has no locator."""
    count = 0
    for inline in suffix:
        if not is_text(inline):
            break
        count += 1
    text = "".join(str(i["c"]) if i["t"] == "Str" else " " for i in suffix[:count])
    parsed = parse_locator(text, forms)
    if parsed is None:
        return "", "", list(suffix)
    label, locator, end = parsed
    return label, locator, text_inlines(text[end:]) + list(suffix[count:])


def parse_locator(text: str, forms: dict[str, str]) -> tuple[str, str, int] | None:
    """(label, locator, where the locator ends in *text*), or None."""
    start = 0
    if text[:1] == ",":
        start = 1
    start = _skip_space(text, start)
    if text[start : start + 1] == "{":
        return _delimited(text, start, forms)
    label, after = _label(text, start, forms)
    if label:
        words = _words(text, after, explicit=True)
    else:
        label, words = "page", _words(text, start, explicit=False)
    if words is None:
        return None
    locator, end = words
    return label, locator.strip(), end


def _delimited(text: str, start: int, forms: dict[str, str]) -> tuple[str, str, int] | None:
    close = _matching(text, start, "{", "}")
    if close < 0:
        return None
    inner = text[start + 1 : close]
    position = _skip_space(inner, 0)
    label = ""
    for end in range(min(len(inner), position + _LONGEST_LABEL), position, -1):
        candidate = inner[position:end].strip().casefold()
        if candidate in forms and not _inside_word(inner, end):
            label = forms[candidate]
            position = end
            break
    return label or "page", inner[position:].strip(), close + 1


def _label(text: str, start: int, forms: dict[str, str]) -> tuple[str, int]:
    """The longest term form at *start* that a locator follows: (name, index after it)."""
    for end in range(min(len(text), start + _LONGEST_LABEL), start, -1):
        candidate = text[start:end].strip().casefold()
        if candidate not in forms:
            continue
        if _inside_word(text, end):
            continue  # "p" of "pages": not a label
        if _words(text, end, explicit=True) is not None:
            return forms[candidate], end
    return "", start


def _words(text: str, start: int, *, explicit: bool) -> tuple[str, int] | None:
    """Locator words from *start*: their text and end, or None if the first is no locator."""
    end = start
    first = True
    while True:
        word = _word(text, end, first)
        if word is None:
            break
        word_end, has_digit, roman = word
        if not (has_digit or (explicit and roman)):
            break
        end = word_end
        first = False
    if first:
        return None
    return text[start:end], end


def _word(text: str, start: int, first: bool) -> tuple[int, bool, bool] | None:
    """One locator word (``3``, ``3-5``, ``iv``, ``12(a)``, ``3.2``), after a separator."""
    position = start
    if not first:
        if text[position : position + 1] in (",", ";"):
            position += 1
        elif not text[position : position + 1].isspace():
            return None
    position = _skip_space(text, position)
    unit_start = position
    length = len(text)
    while position < length:
        char = text[position]
        if char in "([{":
            close = _matching(text, position, char, {"(": ")", "[": "]", "{": "}"}[char])
            if close < 0:
                break
            position = close + 1
            continue
        if char.isspace():
            break
        if char == ".":
            if position + 1 < length and _is_word_char(text[position + 1]):
                position += 1
                continue
            break
        if _is_punctuation(char) and char not in _RANGE_PUNCTUATION:
            break
        position += 1
    unit = text[unit_start:position]
    if not unit:
        return None
    has_digit = any(c.isdigit() for c in unit)
    roman = all(_ROMAN.fullmatch(part.upper()) for part in re.split(r"[-\u2013]", unit))
    return position, has_digit, roman


def _matching(text: str, start: int, opening: str, closing: str) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _inside_word(text: str, end: int) -> bool:
    """Whether *end* splits a word of *text* in two."""
    return 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end])


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def text_inlines(text: str) -> list[Element]:
    """Plain text as ``Str`` and ``Space`` elements."""
    out: list[Element] = []
    for index, piece in enumerate(re.split(r"[ \t\n]+", text)):
        if index:
            out.append(Space())
        if piece:
            out.append(Str(piece))
    return out
