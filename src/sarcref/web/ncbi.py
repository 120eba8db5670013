"""PubMed records by PMID (E-utilities ``efetch``, MEDLINE text) and PMCIDs resolved through
PubMed Central's ID converter.

NCBI asks every client to name itself (``tool``, ``email``) and to send at most 3 requests a
second, 10 with an API key (``api_key``; ``$NCBI_API_KEY``). The MEDLINE text is read by
``sarcref.formats.medline`` (its ``read(text, source) -> ReadResult``), called in one place:
``read_medline``.
"""

from __future__ import annotations

import re

from ..errors import DataError, NotFoundError
from ..identifiers import Identifier, bare_doi
from ..records import Record
from .http import HttpClient
from .services import IDCONV, NCBI

TOOL = "sarcref"
_PMID_LINE = re.compile(r"^PMID- *(\d+)", re.MULTILINE)


def identity(client: HttpClient) -> dict[str, str | None]:
    """The parameters NCBI asks for: who sends the request, and the API key if any."""
    return {"tool": TOOL, "email": client.email, "api_key": client.api_key}


def fetch_medline(client: HttpClient, pmid: str) -> str:
    """The MEDLINE text of *pmid*; NotFoundError when PubMed has no such record."""
    params = {"db": "pubmed", "id": pmid, "rettype": "medline", "retmode": "text"}
    response = client.get(
        NCBI,
        f"{client.base_url(NCBI)}/efetch.fcgi",
        params=params,
        private_params=identity(client),
        what=f"PMID {pmid}",
    )
    if response.looks_like_html():
        raise DataError(f"NCBI E-utilities answered a web page instead of MEDLINE for PMID {pmid}")
    text = response.text()
    # efetch answers an unknown PMID with an empty text (or an error line), not with 404.
    if pmid not in _PMID_LINE.findall(text):
        if "<" in text[:200] and "error" in text[:500].lower():
            raise DataError(f"NCBI E-utilities answered an error for PMID {pmid}: {text[:200]!r}")
        raise NotFoundError(f"PubMed has no record with PMID {pmid}")
    return text


def read_medline(text: str, source: str) -> list[Record]:
    """The records of MEDLINE *text*, read by ``sarcref.formats.medline``."""
    from ..formats import medline

    result = medline.read(text, source)
    if result.problems:
        raise DataError(
            f"NCBI E-utilities answered MEDLINE that does not read: {result.problems[0]}"
        )
    return [item.record for item in result.records]


def fetch_pmid(client: HttpClient, pmid: str) -> Record:
    """The PubMed record of *pmid* as a CSL record (no key yet)."""
    text = fetch_medline(client, pmid)
    records = read_medline(text, f"PubMed {pmid}")
    for record in records:
        if str(record.csl.get("PMID", "")).strip() == pmid:
            return record
    if len(records) == 1:
        return records[0]
    raise DataError(f"NCBI E-utilities answered no readable record for PMID {pmid}")


def resolve_pmcid(client: HttpClient, pmcid: str) -> Identifier:
    """The PMID of a PubMed Central article (its DOI if PubMed has none)."""
    response = client.get(
        IDCONV,
        f"{client.base_url(IDCONV)}/",
        params={"ids": pmcid, "format": "json"},
        private_params={"tool": TOOL, "email": client.email},
        what=f"PMCID {pmcid}",
    )
    data = response.json("the PMC ID converter", f"PMCID {pmcid}")
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise DataError(f"the PMC ID converter answered JSON without records for PMCID {pmcid}")
    for entry in records:
        if not isinstance(entry, dict):
            continue
        pmid = str(entry.get("pmid") or "").strip()
        if pmid.isdigit():
            return Identifier("pmid", str(int(pmid)))
        doi = bare_doi(str(entry.get("doi") or ""))
        if doi:
            return Identifier("doi", doi)
        reason = entry.get("errmsg")
        if reason:
            raise NotFoundError(f"PubMed Central does not know PMCID {pmcid}: {reason}")
    raise NotFoundError(f"PubMed Central has no PMID or DOI for PMCID {pmcid}")
