"""Personal names in BibTeX form ("von Last, Jr, First" and "First von Last") and CSL.

``{Corporate Name}`` (the whole name in braces) is a literal; ``others`` stays a literal
"others" (pandoc writes the same, and its citeproc prints it as "et al."). biblatex's
extended name format (``family=Goethe, given=Johann Wolfgang, prefix=von``) is read too.

The "von" part: biblatex leaves it out of citations and sorting unless ``useprefix`` is
set (``Geer, Ingrid de``), which is CSL's dropping particle; with ``useprefix=true`` it is a
non-dropping particle (``de Geer, Ingrid``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from . import latex, scan

Decoder = Callable[[str], str]

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def strip_braces(text: str) -> str:
    """A decoder for text that is not LaTeX (``edit --set author=...``): braces only group."""
    return text.replace("{", "").replace("}", "")


def split_names(value: str) -> list[str]:
    """The names of a BibTeX name list, split on ``and`` outside braces."""
    if "{" not in value and "\\" not in value:  # the common case: no braces to respect
        return [n.strip() for n in _AND.split(value) if n.strip()]
    return [n.strip() for n in scan.split(value, _AND) if n.strip()]


_WORD_BREAK = re.compile(r"[ \t\n~]")
_COMMA = re.compile(",")


def _words(text: str) -> list[str]:
    if "{" not in text and "\\" not in text:
        return text.replace("~", " ").split()
    return [w for w in scan.split(text, _WORD_BREAK) if w]


def _commas(text: str) -> list[str]:
    if "{" not in text and "\\" not in text:
        return text.split(",")
    return scan.split(text, _COMMA)


def _is_lower(word: str, decode: Decoder) -> bool:
    """BibTeX's test for a "von" word: its first letter, outside braces, is lower case."""
    if word.startswith("{\\"):
        text = decode(word)
        return bool(text) and text[0].islower()
    if word.startswith("{"):
        return False  # a braced word is protected: never a particle
    for char in word:
        if char.isalpha():
            return char.islower()
        if char == "{":
            return False
    return False


def parse_name(
    raw: str, decode: Decoder = latex.decode, *, useprefix: bool = True
) -> dict[str, str]:
    """One BibTeX name as a CSL name object.

    *useprefix*: whether the "von" part belongs to the family name in citations and sorting
    (CSL ``non-dropping-particle``) or not (``dropping-particle``, biblatex's default).
    """
    return dict(_parse_name(raw, decode, useprefix))  # a copy: records own their names


# The same people appear again and again in a library: parse each spelling once.
@lru_cache(maxsize=65536)
def _parse_name(raw: str, decode: Decoder, useprefix: bool) -> dict[str, str]:

    def text_of(part: str) -> str:  # a name is one line: no line breaks, single spaces
        return " ".join(decode(part).split())

    raw = " ".join(raw.split())
    if "=" in raw and _EXTENDED.match(raw):
        extended = _extended_name(raw, text_of, useprefix)
        if extended is not None:
            return extended
    if raw.lower() == "others":
        return {"literal": "others"}
    if scan.is_one_group(raw) and "," not in raw[1:-1].replace("\\,", ""):
        return {"literal": text_of(raw[1:-1])}
    parts = [p.strip() for p in _commas(raw)]
    first = von = last = jr = ""
    if len(parts) == 1:
        words = _words(parts[0])
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w, decode)]
        if lower:
            first = " ".join(words[: lower[0]])
            von = " ".join(words[lower[0] : lower[-1] + 1])
            last = " ".join(words[lower[-1] + 1 :])
        else:
            first = " ".join(words[:-1])
            last = words[-1] if words else ""
    else:
        words = _words(parts[0])
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w, decode)]
        cut = lower[-1] + 1 if lower and lower[0] == 0 else 0
        von = " ".join(words[:cut])
        last = " ".join(words[cut:])
        if len(parts) == 2:
            first = parts[1]
        else:
            jr = parts[1]
            first = ", ".join(parts[2:])
    name: dict[str, str] = {}
    for csl_part, text in (
        ("family", last),
        ("given", first),
        ("non-dropping-particle" if useprefix else "dropping-particle", von),
        ("suffix", jr),
    ):
        if text:
            name[csl_part] = text_of(text)
    if not name:
        name["literal"] = text_of(raw)
    return name


def parse_names(
    value: str, decode: Decoder = latex.decode, *, useprefix: bool = True
) -> list[dict[str, str]]:
    """The names of a BibTeX name list; an empty one (``{}``) says nothing and is left out,
    and so does a list's own options item (``nosortothers=true and ...``)."""
    parsed = (parse_name(n, decode, useprefix=useprefix) for n in split_names(value))
    return [name for name in parsed if any(name.values())]


# -- biblatex's extended name format ---------------------------------------------------

_EXTENDED = re.compile(r'"?\s*[A-Za-z][\w-]*\s*=')
_PART_SEPARATOR = re.compile(r"\s*,\s*")
_NAME_PARTS = {"family": "family", "given": "given", "suffix": "suffix"}


def _extended_name(
    raw: str, text_of: Callable[[str], str], useprefix: bool
) -> dict[str, str] | None:
    """``given=Hans, prefix=de, family=Beumont, useprefix=true`` as a CSL name; None when
    *raw* is not in that format after all (a traditional name holding an ``=``)."""
    parts: dict[str, str] = {}
    for piece in scan.split(raw, _PART_SEPARATOR, quotes=True):
        piece = piece.strip()
        if len(piece) > 1 and piece[0] == '"' and piece[-1] == '"':
            piece = piece[1:-1].strip()  # "family={Robert and Sons, Inc.}"
        key, equals, value = piece.partition("=")
        if not equals:
            return None
        parts[key.strip().lower()] = value.strip()
    if not parts:
        return None
    use = parts.get("useprefix", "true" if useprefix else "false").strip().lower()
    particle = "non-dropping-particle" if use in ("true", "") else "dropping-particle"
    name: dict[str, str] = {}
    for key, csl_part in (*_NAME_PARTS.items(), ("prefix", particle)):
        written = parts.get(key)
        if written:
            text = text_of(written)
            if text:
                name[csl_part] = text
    return name  # options only (``nosortothers=true``): no name at all


# -- writing ---------------------------------------------------------------------------


def _needs_braces(text: str) -> bool:
    words = text.split()
    # One word is always the last name; of several, a lower-case one would read as "von".
    starts_lower = len(words) > 1 and any(w[:1].isalpha() and w[:1].islower() for w in words)
    return starts_lower or "," in text or bool(_AND.search(f" {text} "))


def format_name(
    name: Mapping[str, Any], *, ascii_only: bool = False, useprefix: bool = False
) -> str:
    """A CSL name in BibTeX's unambiguous "von Last, Jr, First" form.

    *useprefix*: the entry's setting. A name whose particle is the other kind (a
    non-dropping particle in an entry without ``useprefix``) is written in biblatex's
    extended format, which says so for that name.
    """

    def enc(part: str) -> str:
        return latex.encode(str(name.get(part) or ""), ascii_only=ascii_only)

    if name.get("literal"):
        literal = str(name["literal"])
        if literal == "others":
            return "others"
        return "{" + latex.encode(literal, ascii_only=ascii_only) + "}"
    family, given, suffix = enc("family"), enc("given"), enc("suffix")
    dropping, non_dropping = enc("dropping-particle"), enc("non-dropping-particle")
    if family and (dropping or non_dropping) and not (dropping and non_dropping):
        if bool(non_dropping) != useprefix:
            return _extended(family, given, dropping or non_dropping, suffix, bool(non_dropping))
    particle = " ".join(p for p in (dropping, non_dropping) if p)
    if not family:
        return "{" + given + "}" if given else "{}"
    if _needs_braces(family) or (not particle and _starts_like_particle(family)):
        family = "{" + family + "}"
    head = f"{particle} {family}" if particle else family
    given = "{" + given + "}" if "," in given else given
    suffix = "{" + suffix + "}" if "," in suffix else suffix
    if suffix:
        return f"{head}, {suffix}, {given}"
    if given:
        return f"{head}, {given}"
    # A family name that is one brace group ({\textordfeminine}) would read as a literal.
    return head + "{}" if scan.is_one_group(head) else head


def _extended(family: str, given: str, prefix: str, suffix: str, useprefix: bool) -> str:
    parts = [("family", family), ("given", given), ("prefix", prefix), ("suffix", suffix)]
    shown = [f"{key}={{{value}}}" for key, value in parts if value]
    return ", ".join([*shown, f"useprefix={'true' if useprefix else 'false'}"])


def prefers_useprefix(people: list[Mapping[str, Any]], setting: bool | None = None) -> bool:
    """Whether an entry with these names is best written with ``useprefix=true``: most of
    their particles are non-dropping (the entry's own *setting* breaks a tie)."""
    non_dropping = sum(1 for n in people if n.get("non-dropping-particle"))
    dropping = sum(1 for n in people if n.get("dropping-particle"))
    if non_dropping != dropping:
        return non_dropping > dropping
    return bool(setting)


def _starts_like_particle(family: str) -> bool:
    return len(family.split()) > 1 and family[:1].islower()


def format_names(names: list[Any], *, ascii_only: bool = False, useprefix: bool = False) -> str:
    return " and ".join(
        format_name(n, ascii_only=ascii_only, useprefix=useprefix)
        for n in names
        if isinstance(n, Mapping)
    )
