"""Record keys: ``{first author}{year}{first significant title word}``, e.g. ``lerman2015local``.

A key is given once and never changes; a generated key that is taken gets ``a``, ``b``, ...
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Mapping
from itertools import count

from .records import Record

# Words a key skips when it looks for the first significant word of a title.
STOPWORDS = frozenset(
    """a an the and or but nor of on in at to for from by with without about into onto over
    under as is are was were be de la le les des du der die das den ein eine el los las un une
    il lo gli di da del della et und y o""".split()
)
# Letters NFKD does not decompose into an ASCII base.
_ASCII = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
_ASCII.update({"ı": "i", "ħ": "h", "ŀ": "l", "ŧ": "t", "ŋ": "ng", "ĸ": "k"})
_TAGS = re.compile(r"<[^>]+>")


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``Łukasiewicz`` -> ``lukasiewicz``."""
    folded = "".join(_ASCII.get(c, c) for c in text.casefold())
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def _first_name_part(record: Record) -> str:
    for variable in ("author", "editor"):
        for name in record.csl.get(variable) or []:
            if not isinstance(name, Mapping):
                continue
            if name.get("family"):
                particle = str(name.get("non-dropping-particle") or "")
                return ascii_lower(particle + str(name["family"]))
            if name.get("literal"):
                return _first_word(str(name["literal"]))
    return ""


def _first_word(text: str) -> str:
    words = [ascii_lower(w) for w in re.split(r"[\s\-–—/:;,.]+", _TAGS.sub("", text))]
    words = [w for w in words if w]
    for word in words:
        if word not in STOPWORDS:
            return word
    return words[0] if words else ""


def base_key(record: Record) -> str:
    """The key a record would get before any collision suffix."""
    author = _first_name_part(record) or "anon"
    year = str(record.year) if record.year is not None else ""
    return f"{author}{year}{_first_word(record.title)}"


def unique_key(base: str, taken: Container[str]) -> str:
    """*base*, or *base* with the first free suffix of a, b, ..., z, aa, ab, ..."""
    if base not in taken:
        return base
    for n in count(1):
        key = base + _suffix(n)
        if key not in taken:
            return key
    raise AssertionError("unreachable")


def _suffix(n: int) -> str:
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
