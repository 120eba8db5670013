"""Identifiers recognised by their shape: DOI, PMID, PMCID, arXiv id and ISBN.

Pure functions, no network: ``bare_doi`` normalises a DOI value (readers call it for every
DOI field), ``parse_identifier`` tells what an argument of ``sarcref add`` is, and
``record_identifiers`` lists what a stored record can be fetched again by.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import UsageError

KINDS = ("doi", "pmid", "pmcid", "arxiv", "isbn")

# A DOI is "10." + a registrant code (dotted numbers) + "/" + any suffix without spaces.
_DOI = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
_DOI_PREFIX = re.compile(
    r"^(?:doi:\s*|info:doi/|urn:doi:|(?:https?://)?(?:dx\.|www\.)?doi\.org/)", re.IGNORECASE
)

_PMID = re.compile(r"^pmid:\s*(\d{1,9})$", re.IGNORECASE)
_PUBMED_URL = re.compile(
    r"^https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d{1,9})/?"
    r"(?:[?#].*)?$",
    re.IGNORECASE,
)
_PMCID = re.compile(r"^(?:pmcid:\s*)?(?:PMC)?(\d{1,9})$", re.IGNORECASE)
_PMC_URL = re.compile(
    r"^https?://(?:www\.)?(?:pmc\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pmc)/articles/"
    r"(PMC\d{1,9})/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# New-style arXiv ids (YYMM.NNNN, YYMM.NNNNN from 2015) and old-style (archive[.SC]/YYMMNNN).
_ARXIV_NEW = r"\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}(?:v\d+)?"
_ARXIV_OLD = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3}(?:v\d+)?"
_ARXIV_ID = re.compile(rf"^(?:{_ARXIV_NEW}|{_ARXIV_OLD})$")
_ARXIV_PREFIX = re.compile(r"^arxiv:\s*", re.IGNORECASE)
_ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_ISBN_PREFIX = re.compile(r"^isbn(?:-1[03])?:?\s*", re.IGNORECASE)
_ISBN_CHARS = re.compile(r"^[0-9][0-9\- ]{8,16}[0-9Xx]$")
_DIGITS = re.compile(r"^\d+$")

_EXAMPLES = (
    "write a DOI (10.1097/CCO.0000000000000150), pmid:25490690, pmcid:PMC1234567, "
    "an arXiv id (2101.00001) or an ISBN (978-0-306-40615-7)"
)


@dataclass(frozen=True)
class Identifier:
    """One identifier, normalised: ``kind`` is one of KINDS, ``value`` its canonical text
    (a bare DOI, PMID digits, ``PMC`` + digits, an arXiv id with its version if given, ISBN
    digits without hyphens)."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @property
    def label(self) -> str:
        """How messages name it: ``DOI 10.1/x``, ``PMID 123``, ``arXiv 2101.00001``."""
        names = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "arxiv": "arXiv", "isbn": "ISBN"}
        return f"{names[self.kind]} {self.value}"


def bare_doi(text: str) -> str | None:
    """The DOI in *text* without resolver or ``doi:`` prefix, or None if *text* is no DOI.

    ``https://doi.org/10.1000/xyz``, ``http://dx.doi.org/10.1000/xyz``, ``doi:10.1000/xyz``
    and ``10.1000/xyz`` all give ``10.1000/xyz``. The case is kept (DOIs are matched without
    case, but shown as registered).
    """
    value = text.strip()
    prefixed = _DOI_PREFIX.match(value)
    if prefixed:
        value = value[prefixed.end() :].strip()
        if prefixed.group(0).lower().endswith("doi.org/") and "%" in value:
            from urllib.parse import unquote  # (urllib.parse costs a few ms to import)

            value = unquote(value)  # a URL may escape '/', '<', '#' ...
    return value if _DOI.fullmatch(value) else None


# A DOI inside other text ends before trailing punctuation ("see 10.1000/xyz.").
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S*[^\s.,;]")


def find_doi(text: str) -> str | None:
    """The DOI written somewhere in *text* (a field that holds more than a DOI: ``doi:10.1/x
    [doi]``, an EBSCO ``L3`` link), without prefix; None if there is none. The whole value,
    when it is a DOI, is ``bare_doi``'s answer."""
    whole = bare_doi(text)
    if whole is not None:
        return whole
    cleaned = _DOI_PREFIX.sub("", text.strip())
    if "%" in cleaned:
        from urllib.parse import unquote

        cleaned = unquote(cleaned)
    found = _DOI_IN_TEXT.search(cleaned)
    return found.group(0) if found else None


def isbn_is_valid(digits: str) -> bool:
    """Whether ISBN-10 or ISBN-13 *digits* (no hyphens) pass their check digit."""
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] in "Xx"):
        total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
        total += 10 if digits[9] in "Xx" else int(digits[9])
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit() and digits.startswith(("978", "979")):
        total = sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(digits))
        return total % 10 == 0
    return False


def arxiv_id(text: str) -> str | None:
    """The arXiv id in *text* (``arxiv:``, an abs/pdf URL or the bare id), or None."""
    value = text.strip()
    url = _ARXIV_URL.match(value)
    if url:
        value = url.group(1)
    else:
        value = _ARXIV_PREFIX.sub("", value)
    return value if _ARXIV_ID.match(value) else None


def parse_identifier(text: str) -> Identifier:
    """What *text* identifies, by its shape; UsageError (with a hint) when nothing fits.

    A bare number is refused: it could be a PMID, a PMCID or a page number; ``pmid:`` says.
    """
    value = text.strip()
    if not value:
        raise UsageError("an empty identifier", hint=_EXAMPLES)
    doi = bare_doi(value)
    if doi is not None:
        return Identifier("doi", doi)
    found = _PMID.match(value) or _PUBMED_URL.match(value)
    if found:
        return Identifier("pmid", str(int(found.group(1))))
    found = _PMC_URL.match(value)
    if found:
        return Identifier("pmcid", found.group(1).upper())
    if value.lower().startswith(("pmcid:", "pmc")):
        found = _PMCID.match(value)
        if found:
            return Identifier("pmcid", "PMC" + found.group(1))
    arxiv = arxiv_id(value)
    if arxiv is not None:
        return Identifier("arxiv", arxiv)
    isbn = _isbn(value)
    if isbn is not None:
        return Identifier("isbn", isbn)
    if _DIGITS.match(value):
        raise UsageError(
            f"'{value}' is a bare number: sarcref cannot tell a PMID from other numbers",
            hint=f"write pmid:{value} for a PubMed id (or pmcid:PMC{value} for PubMed Central)",
        )
    if value.lower().startswith(("10.", "doi:")) or "doi.org/" in value.lower():
        raise UsageError(f"'{value}' is not a well-formed DOI", hint="a DOI reads 10.NNNN/suffix")
    raise UsageError(f"cannot tell what '{value}' identifies", hint=_EXAMPLES)


def _isbn(value: str) -> str | None:
    prefixed = _ISBN_PREFIX.match(value)
    rest = value[prefixed.end() :] if prefixed else value
    if not _ISBN_CHARS.match(rest):
        return None
    digits = rest.replace("-", "").replace(" ", "").upper()
    if len(digits) not in (10, 13):
        return None
    if isbn_is_valid(digits):
        return digits
    if prefixed or "-" in rest or len(digits) == 13 and digits.startswith(("978", "979")):
        raise UsageError(
            f"'{value}' is not a valid ISBN: its check digit does not match",
            hint="copy the ISBN again (a digit may be mistyped)",
        )
    return None


def record_identifiers(csl: Mapping[str, Any]) -> list[Identifier]:
    """What a record's CSL-JSON can be fetched again by, best first: DOI, PMID, PMCID, arXiv
    id (from ``number`` ``arXiv:...``, an arxiv.org URL or a note), ISBN."""
    found: list[Identifier] = []
    doi = bare_doi(str(csl.get("DOI") or ""))
    if doi:
        found.append(Identifier("doi", doi))
    pmid = str(csl.get("PMID") or "").strip()
    if pmid.isdigit():
        found.append(Identifier("pmid", str(int(pmid))))
    pmcid = _PMCID.match(str(csl.get("PMCID") or "").strip())
    if pmcid:
        found.append(Identifier("pmcid", "PMC" + pmcid.group(1)))
    arxiv = _record_arxiv(csl)
    if arxiv:
        found.append(Identifier("arxiv", arxiv))
    for candidate in re.split(r"[,;\s]+", str(csl.get("ISBN") or "")):
        digits = candidate.replace("-", "").upper()
        if isbn_is_valid(digits):
            found.append(Identifier("isbn", digits))
            break
    return found


def _record_arxiv(csl: Mapping[str, Any]) -> str | None:
    # Only words that say they are arXiv ids: a bare 1203.4567 in a note may be anything.
    for variable in ("number", "URL", "note", "archive_location"):
        for word in str(csl.get(variable) or "").split():
            word = word.rstrip(".,;)")
            if word.lower().startswith("arxiv:") or _ARXIV_URL.match(word):
                found = arxiv_id(word)
                if found:
                    return found
    return None
