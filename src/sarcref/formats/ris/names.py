"""Names in RIS: ``Family, Given[, Suffix]`` to CSL name objects and back.

Particles follow sarcref's BibTeX reader: lower-case words that open the family part
are the non-dropping particle (``van der Berg, Jan``). Lower-case words that close the
given part stay there (``Beethoven, Ludwig van``), as BibTeX and Zotero keep them;
citeproc-js and sarcref's renderer take them for the dropping particle when they cite.

A value without a comma is an organisation (a literal name), unless it is a family name
followed by initials, as EPPI-Reviewer and PubMed write them (``Brownstein C D``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Initials written without a comma after the family name: "C D", "C. D.", "CD", "C.D.".
_SPACED_INITIALS = re.compile(r"(?:[A-Z]\.?)(?:[ ]+[A-Z]\.?)*")
_RUN_OF_INITIALS = re.compile(r"[A-Z]{2,3}|(?:[A-Z]\.){2,3}")


def parse_name(text: str) -> dict[str, str] | None:
    """A CSL name from one RIS name; None when the value is not one name (a list of them)."""
    text = text.strip()
    if not text:
        return None
    if "," not in text:
        return _without_comma(text)
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 3:
        return None  # "Achenbach, T., Rescorla, L.": a list, not a name
    family, given = parts[0], parts[1]
    suffix = parts[2] if len(parts) > 2 else ""
    name: dict[str, str] = {}
    particle, family = _leading_lower_words(family)
    if family:
        name["family"] = family
    elif particle:
        name["family"], particle = particle, ""
    if given:
        name["given"] = given
    if particle:
        name["non-dropping-particle"] = particle
    if suffix:
        name["suffix"] = suffix
    return name or None


def _without_comma(text: str) -> dict[str, str]:
    words = text.split()
    if len(words) >= 2:
        # "Brownstein C D" / "Smith J. A.": a family name and initials.
        for cut in range(1, len(words)):
            family, initials = " ".join(words[:cut]), " ".join(words[cut:])
            if _SPACED_INITIALS.fullmatch(initials):
                return _with_particle(family, {"given": initials})
        # "Smith JA": one run of capitals only after a one-word family name, so that
        # "Cancer Research UK" stays an organisation.
        if len(words) == 2 and _RUN_OF_INITIALS.fullmatch(words[1]):
            return {"family": words[0], "given": words[1]}
    return {"literal": text}


def _with_particle(family: str, name: dict[str, str]) -> dict[str, str]:
    particle, family = _leading_lower_words(family)
    name["family"] = family
    if particle:
        name["non-dropping-particle"] = particle
    return name


def _is_particle(word: str) -> bool:
    """``van``, ``de``, ``d'``: lower-case letters (an initial such as ``a.`` is not one)."""
    letters = word.rstrip("'\u2019")
    return letters.isalpha() and letters.islower()


def _leading_lower_words(family: str) -> tuple[str, str]:
    words = family.split(" ")
    cut = 0
    while cut < len(words) - 1 and _is_particle(words[cut]):
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def format_name(name: Any) -> str:
    """One CSL name as RIS writes it: ``Family, Given[, Suffix]``, or the literal."""
    if not isinstance(name, Mapping):
        return str(name)
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name[p]) for p in ("non-dropping-particle", "family") if name.get(p))
    given = " ".join(str(name[p]) for p in ("given", "dropping-particle") if name.get(p))
    pieces = [family, given]
    if name.get("suffix"):
        pieces.append(str(name["suffix"]))
    return ", ".join(pieces)
