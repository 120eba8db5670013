"""Journal titles as databases store them, in title case.

NLM writes full journal titles in sentence case (``Current opinion in pediatrics``); Web of
Science writes them in capitals (``CURRENT OPINION IN PEDIATRICS``). Both come out as
``Current Opinion in Pediatrics``, as Zotero imports them: styles print the container title
as it is stored unless they change its case themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache

SMALL_WORDS = frozenset(
    """a an and as at but by for from in into nor of on or over per the to upon via vs vs.
    with de des du la le les et der die das und fur für y e da do di del della""".split()
)
_WORD = re.compile(r"\S+")


def title_case(text: str) -> str:
    """Each word capitalised but the small ones (not first, not after a colon); words that
    have a capital already (``BMJ``, ``PLoS``, ``mSystems``) are kept as they are."""
    out = []
    start = True
    for match in _WORD.finditer(text):
        word = match.group()
        bare = word.strip("()[]\"'“”‘’").casefold()
        if not any(c.isupper() for c in word) and (start or bare not in SMALL_WORDS):
            word = _capitalise(word)
        out.append(word)
        start = word.endswith(":")
    return _rejoin(text, out)


def _capitalise(word: str) -> str:
    for i, char in enumerate(word):
        if char.isalpha():
            return word[:i] + char.upper() + word[i + 1 :]
    return word


def _rejoin(text: str, words: list[str]) -> str:
    """The words back in the text's own spacing."""
    pieces = []
    end = 0
    for match, word in zip(_WORD.finditer(text), words, strict=True):
        pieces.append(text[end : match.start()])
        pieces.append(word)
        end = match.end()
    pieces.append(text[end:])
    return "".join(pieces)


@lru_cache(maxsize=4096)  # an export names few journals, many times each
def journal_title(text: str) -> str:
    """A journal title in title case when the database wrote it in sentence case or capitals."""
    text = " ".join(text.split())
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text
    if all(c.isupper() for c in letters):
        if len(text.split()) == 1 and len(letters) <= 5:
            return text  # "BMJ", "JAMA": an acronym, not a word in capitals
        return title_case(text.lower())
    return title_case(text)
