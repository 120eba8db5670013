"""biblatex's localisation keys: the words biblatex prints for ``phdthesis``, ``inpress``,
``newseries``, ``patentus``, ``\\bibstring{...}``, in an entry's language.

The strings come from biblatex's own .lbx files (``lbx_strings``, loaded on first use).
A key unknown in a language falls back to English, as a key biblatex does not know stays
as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

# \bibstring and its variants: l(ong), s(hort), cp (capitalised), uc (upper-case first).
BIBSTRING = re.compile(r"\\bib(cp|uc)?[ls]?string\s*\{\s*([A-Za-z]+)\s*\}")


@lru_cache(maxsize=64)
def _strings(language: str) -> dict[str, str]:
    from .lbx_strings import ALIASES, STRINGS

    name = ALIASES.get(language, language)
    english = STRINGS["english"]
    own = STRINGS.get(name)
    return english if own is None else {**english, **own}


def bibstring(key: str, language: str = "english") -> str | None:
    """The words biblatex prints for localisation key *key*; None if it is not a key (keys
    are lower case, as biblatex's tests for them are case-sensitive: ``Software`` is text)."""
    return _strings(language).get(key.strip())


def resolve_key(value: str, language: str = "english") -> str:
    """A key field's value (``type``, ``pubstate``, ``series``...): its words if it is a
    localisation key, else the value as written."""
    stripped = value.strip()
    if not stripped.isalpha():
        return value
    return bibstring(stripped, language) or value


def expand_bibstrings(text: str, language: str = "english") -> str:
    """``\\bibstring{key}`` (and ``\\biblstring``, ``\\bibcpstring``...) replaced by its words;
    an unknown key is left as its name."""

    def words(match: re.Match[str]) -> str:
        found = bibstring(match.group(2), language) or match.group(2)
        return found[:1].upper() + found[1:] if match.group(1) else found

    return BIBSTRING.sub(words, text)


def key_for(words: str, keys: tuple[str, ...], language: str = "english") -> str | None:
    """The key among *keys* whose words are *words* in *language* (export writes the key
    back); None if there is none."""
    table = _strings(language)
    for key in keys:
        if table.get(key) == words:
            return key
    return None
