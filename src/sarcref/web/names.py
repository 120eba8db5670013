"""Personal names written as one string ("Dan M. Lerman", "Ludwig van Beethoven",
"King, Martin Luther, Jr.") as CSL name objects, and names shouted in capitals made readable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Lower-case words before the family name that belong to it ("van Gogh", "de la Cruz").
PARTICLES = frozenset(
    """van von der den de del della degli di da das dos du la le les ter ten zu zur bin ibn
    al el""".split()
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})
# Words that make a name an organisation's, kept whole as a literal.
_ORGANISATION = re.compile(
    r"\b(?:organi[sz]ation|association|institute|institut|society|committee|council|"
    r"university|consortium|group|agency|department|foundation|collaboration|network|office|"
    r"academy|ministry|board|commission|press|centre|center|project|team|initiative)\b",
    re.IGNORECASE,
)


def split_name(text: str) -> dict[str, str]:
    """One name as a CSL name: family, given, particle and suffix, or a literal."""
    text = " ".join(text.split())
    if not text:
        return {}
    if _ORGANISATION.search(text):
        return {"literal": text}
    parts = [p.strip() for p in text.split(",")]
    suffix = ""
    if len(parts) > 1 and parts[-1].lower() in SUFFIXES:
        suffix = parts.pop()
    if len(parts) > 1:  # "Family, Given"
        family_words = parts[0].split()
        given = ", ".join(parts[1:])
    else:
        words = parts[0].split()
        if len(words) == 1:
            return {"literal": words[0]} if not suffix else {"family": words[0], "suffix": suffix}
        cut = len(words) - 1
        while cut > 1 and words[cut - 1].lower() in PARTICLES:
            cut -= 1
        given = " ".join(words[:cut])
        family_words = words[cut:]
    particle_words = []
    while len(family_words) > 1 and family_words[0].lower() in PARTICLES:
        particle_words.append(family_words.pop(0))
    name = {"family": " ".join(family_words)}
    if given:
        name["given"] = given
    if particle_words:
        name["non-dropping-particle"] = " ".join(particle_words)
    if suffix:
        name["suffix"] = suffix
    return name


def readable_case(text: str) -> str:
    """A name part written all in capitals, in title case: ``LERMAN`` -> ``Lerman``,
    ``O'DEA`` -> ``O'Dea``; initials (``DM``) and mixed case are left as they are."""
    if text != text.upper() or not any(c.isalpha() for c in text):
        return text
    return re.sub(r"[^\W\d_]{3,}", lambda m: m.group(0).capitalize(), text)


def clean_name(name: Mapping[str, Any]) -> dict[str, str] | None:
    """A CSL name object from a service, with only CSL's name parts; None if it is empty."""
    cleaned: dict[str, str] = {}
    literal = name.get("literal") or name.get("name")
    if literal and not (name.get("family") or name.get("given")):
        return {"literal": " ".join(str(literal).split())}
    for part in ("family", "given", "suffix", "dropping-particle", "non-dropping-particle"):
        value = name.get(part)
        if isinstance(value, (str, int)) and str(value).strip():
            text = " ".join(str(value).split())
            cleaned[part] = readable_case(text) if part in ("family", "given") else text
    if not cleaned.get("family") and not cleaned.get("given"):
        return None
    return cleaned
