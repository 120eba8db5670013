"""How text is folded and cut into words for search, the same way on both sides.

The search index stores folded text and the query folds its words with the same function,
so matching is case- and accent-insensitive both ways (``garcia`` finds García, ``Gödel``
finds Godel). SQLite's ``unicode61`` tokenizer then splits the folded text into words exactly
where :func:`words` does: at every character that is not a letter or a digit.

Words joined by a hyphen, an apostrophe or a full stop (``COVID-19``, ``O'Brien``,
``Node.js``) are also indexed run together (``covid19``, ``obrien``, ``nodejs``), so a query
may write them either way.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent, so neither NFKD
# nor unicode61's remove_diacritics turns them into ASCII; casefold() has already lowered
# them (and turned ß into ss).
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ĳ": "ij",
    }
)

# A word: a run of letters and digits (what unicode61 keeps; "_" separates there too).
WORD = re.compile(r"[^\W_]+")
# Words joined inside one written word: hyphens, apostrophes, full stops.
_JOINERS = "-\u2010\u2011'\u2019\u02bc."
# (The look-behind keeps the engine from restarting inside every word: 3x faster on abstracts.)
COMPOUND = re.compile(rf"(?<![^\W_])[^\W_]+(?:[{re.escape(_JOINERS)}][^\W_]+)+")
_JOINED = re.compile(rf"[{re.escape(_JOINERS)}][^\W_]")


def fold(text: str) -> str:
    """*text* lower-cased, without accents, with ł ø æ œ ß þ ... spelled in ASCII letters."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_LETTERS)


def words(text: str) -> list[str]:
    """The folded words of *text*, as the search index sees them."""
    return WORD.findall(fold(text))


def index_text(text: str) -> str:
    """What the index stores for *text*: folded, then its joined words run together."""
    folded = fold(text)
    if not _JOINED.search(folded):
        return folded
    runs = [run_together(m.group()) for m in COMPOUND.finditer(folded)]
    return f"{folded} {' '.join(runs)}" if runs else folded


def run_together(text: str) -> str:
    """The words of (folded) *text* written as one: ``covid-19`` -> ``covid19``."""
    return "".join(WORD.findall(text))
