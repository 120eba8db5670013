"""Identifiers as records store them: one spelling for each, whatever a file wrote.

Pure functions, no I/O: readers of every format call them on what a file says.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# A DOI: the directory indicator "10.", a registrant code, a slash and a suffix.
_DOI = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
# What files put before a DOI: a resolver URL (any scheme, host and "dx." form), a
# "doi:" or "DOI " label, or the "info:doi/" URI form.
_DOI_PREFIX = re.compile(
    r"""^(?:
        (?:https?://)?(?:dx\.|www\.)?doi\.org/
      | doi\s*:\s*
      | doi\s+
      | info:doi/
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def bare_doi(text: str) -> str | None:
    """The DOI *text* names, without resolver or label: ``10.1000/xyz``; None if it is not one.

    ``https://doi.org/10.1000/xyz``, ``http://dx.doi.org/10.1000/xyz``, ``doi:10.1000/xyz``
    and ``DOI 10.1000/xyz`` all give ``10.1000/xyz``; a percent-encoded URL form is
    decoded (``10.1000%2Fxyz``). Text holding anything else (two DOIs, a sentence) is not
    a DOI.
    """
    value = text.strip()
    stripped = _DOI_PREFIX.sub("", value, count=1)
    if stripped != value and "%" in stripped:
        stripped = unquote(stripped)
    stripped = stripped.strip()
    return stripped if _DOI.fullmatch(stripped) else None
