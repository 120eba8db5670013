"""Personal names as databases print them, to CSL names.

MEDLINE's full names (``Lerman, Daniel M``) and Web of Science's (``Lerman, Daniel M.``) are
"Family, Given"; MEDLINE's short names (``Lerman DM``), Scopus' and Embase's (``Lerman D.M.``)
are a family name and initials. Single-letter initials get their period (``Daniel M.``,
``D. M.``), as Zotero writes them, so every style can initialise or spell them out alike.
"""

from __future__ import annotations

import re

SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "V", "2nd", "3rd", "4th"})

# "DM", "D.M.", "D. M.", "J.-H.", "JH": initials only (up to four).
_INITIALS = re.compile(r"(?:[A-Z]\.?-?\s?){1,4}")
_LONE_INITIAL = re.compile(r"(?<![\w.'’-])([A-Z])(?![\w.'’-])")
_CORPORATE_WORDS = re.compile(
    r"\b(?:group|consortium|collaborat\w*|committee|investigators|network|society|"
    r"association|organi[sz]ation|council|institute|team|trial|working|centre|center|"
    r"foundation|agency|department|ministry|board|panel|office|alliance|initiative)\b",
    re.IGNORECASE,
)


def initials(text: str) -> str:
    """``DM``, ``D.M.``, ``J.-H.`` as ``D. M.``, ``J.-H.``: a period after each letter."""
    shown = ""
    for letter in re.findall(r"[A-Z]-?", text.replace(".", "")):
        if shown and not shown.endswith("-"):
            shown += " "
        shown += letter[0] + "." + ("-" if letter.endswith("-") else "")
    return shown.rstrip("-")


def _given(text: str) -> str:
    """A given name with a period after each single-letter initial."""
    text = " ".join(text.split())
    if _INITIALS.fullmatch(text) and text.replace(".", "").replace(" ", "").isupper():
        return initials(text)
    return _LONE_INITIAL.sub(r"\1.", text)


def _split_suffix(words: list[str]) -> tuple[list[str], str | None]:
    if len(words) > 1 and words[-1] in SUFFIXES:
        return words[:-1], words[-1]
    return words, None


def _person(family: str, given: str, suffix: str | None = None) -> dict[str, str]:
    name = {"family": family.strip()}
    if given.strip():
        name["given"] = given.strip()
    if suffix:
        name["suffix"] = suffix
    return name


def from_inverted(text: str) -> dict[str, str]:
    """``Family, Given [Suffix]`` (or ``Family, Suffix, Given``) as a CSL name.

    A name without a comma is a literal: databases write corporate authors that way.
    """
    family, comma, rest = text.partition(",")
    if not comma or not family.strip():
        return {"literal": " ".join(text.split())}
    pieces = [p.strip() for p in rest.split(",") if p.strip()]
    suffix = None
    if len(pieces) > 1 and pieces[0] in SUFFIXES:
        suffix = pieces.pop(0)
    elif len(pieces) > 1 and pieces[-1] in SUFFIXES:
        suffix = pieces.pop()
    words, trailing = _split_suffix(" ".join(pieces).split())
    return _person(" ".join(family.split()), _given(" ".join(words)), suffix or trailing)


def from_initials(text: str) -> dict[str, str]:
    """``Family GI [Suffix]`` (``Lerman DM``, ``van Raaij MJ``, ``Lerman D.M.``) as a CSL name."""
    if "," in text:
        return from_inverted(text)
    words, suffix = _split_suffix(text.split())
    if len(words) > 1 and _INITIALS.fullmatch(words[-1]) and words[-1].replace(".", "").isupper():
        return _person(" ".join(words[:-1]), initials(words[-1]), suffix)
    return {"literal": " ".join(text.split())}


def from_natural(text: str) -> dict[str, str]:
    """``Given Family`` (``W. Zhang``, ``Daniel M. Lerman``) as a CSL name.

    One word, or a name that reads like an organisation, is a literal.
    """
    words, suffix = _split_suffix(text.replace(",", " ").split())
    if len(words) < 2 or _CORPORATE_WORDS.search(text):
        return {"literal": " ".join(text.split())}
    return _person(words[-1], _given(" ".join(words[:-1])), suffix)


def from_any(text: str) -> dict[str, str]:
    """A name in whichever of the three forms it is written."""
    text = text.strip().rstrip(";")
    if text.endswith(".") and len(text.split()[-1]) > 3 and "," not in text:
        text = text[:-1]  # the period closing a list ("...; PRISMA Group."), not an initial's
    if "," in text:
        return from_inverted(text)
    name = from_initials(text)
    if "literal" in name and not _CORPORATE_WORDS.search(text):
        return from_natural(text)
    return name


def split_list(value: str) -> list[str]:
    """The names of a list in one field: ``;``-separated, or ``,``-separated short names.

    ``Lerman D.M., Randall R.L.`` and ``Lerman DM, Randall RL.`` (Embase, PubMed CSV) are
    comma-separated; ``Lerman, Daniel M.`` alone is one name.
    """
    value = value.strip()
    if not value:
        return []
    if ";" in value:
        # PubMed writes "Moher D, Liberati A; PRISMA Group.": people, then a group.
        return [n for piece in value.split(";") for n in split_list(piece)]
    if " and " in value and "," not in value:
        return [n.strip() for n in value.split(" and ") if n.strip()]
    pieces = [p.strip() for p in value.rstrip(".").split(",") if p.strip()]
    if len(pieces) > 1 and all(_looks_short(p) for p in pieces):
        return pieces
    if len(pieces) > 2 and len(pieces) % 2 == 0:
        # "Family, Given, Family, Given": pairs, when every second piece reads like given names.
        pairs = [f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces), 2)]
        if all(_looks_given(pieces[i + 1]) for i in range(0, len(pieces), 2)):
            return pairs
    return [value]


def _looks_short(piece: str) -> bool:
    words, _ = _split_suffix(piece.split())
    return len(words) > 1 and bool(_INITIALS.fullmatch(words[-1])) and words[-1][0].isupper()


def _looks_given(piece: str) -> bool:
    return bool(_INITIALS.fullmatch(piece.replace(" ", ""))) or piece[:1].isupper()


def orcid(value: str) -> str | None:
    """The bare ORCID iD (``0000-0002-1825-0097``) in ``ORCID: https://orcid.org/...``."""
    match = re.search(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", value)
    return match.group(1) if match else None
