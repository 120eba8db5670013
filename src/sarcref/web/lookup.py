"""The record of an identifier, from the service that knows it."""

from __future__ import annotations

from typing import Any

from ..errors import DataError, NotFoundError
from ..identifiers import Identifier
from ..provenance import stamp
from ..records import SOURCES, Record, validate_csl
from . import arxiv, doi, ncbi, openlibrary
from .http import HttpClient

# What a published version's record gives an arXiv preprint (as Zotero's arXiv translator).
_JOURNAL_FIELDS = (
    "type",
    "container-title",
    "container-title-short",
    "volume",
    "issue",
    "page",
    "issued",
    "ISSN",
)


def fetch_record(identifier: Identifier, client: HttpClient) -> Record:
    """A new record (no key yet) for *identifier*, with where it came from in its sarcref
    fields (``sources``: the identifier, database and format, as an import notes its file;
    ``fetched``: see ``sarcref.provenance``).

    NotFoundError when the service does not know the identifier; DataError when its answer
    is not what it documents; TemporaryFailure when it cannot be reached.
    """
    if identifier.kind == "doi":
        csl, agency = doi.fetch(client, identifier.value)
        source = {"database": agency, "format": "csl-json"}
    elif identifier.kind in ("pmid", "pmcid"):
        return _pubmed(identifier, client)
    elif identifier.kind == "arxiv":
        csl = _arxiv(identifier.value, client)
        source = {"database": "arXiv", "format": "atom"}
    elif identifier.kind == "isbn":
        csl = openlibrary.fetch(client, identifier.value)
        source = {"database": "Open Library", "format": "json"}
    else:
        raise NotFoundError(f"sarcref cannot fetch {identifier}")
    csl = {**csl, "id": ""}
    validate_csl(csl, where=f"the record of {identifier.label}")
    return _noted(Record(key="", csl=csl), identifier, source)


def _noted(record: Record, identifier: Identifier, source: dict[str, Any]) -> Record:
    """*record* noting that it is what *source* gave for *identifier*."""
    told = {k: v for k, v in source.items() if k != "identifier"}
    record.extra[SOURCES] = [{"identifier": str(identifier), **told}]
    return stamp(record, str(identifier))


def _pubmed(identifier: Identifier, client: HttpClient) -> Record:
    target = identifier
    if identifier.kind == "pmcid":
        target = ncbi.resolve_pmcid(client, identifier.value)
        if target.kind == "doi":  # in PubMed Central but not in PubMed
            record = fetch_record(target, client)
            record.csl["PMCID"] = identifier.value
            return _noted(record, identifier, record.extra[SOURCES][0])
    record = ncbi.fetch_pmid(client, target.value)
    record.key = ""
    record.csl = {**record.csl, "id": ""}
    if identifier.kind == "pmcid":
        record.csl["PMCID"] = identifier.value
    record.csl["PMID"] = target.value
    told = record.extra.pop("source", None)
    source = {"database": "PubMed", "format": "medline"}
    validate_csl(record.csl, where=f"the record of {identifier.label}")
    return _noted(record, identifier, told if isinstance(told, dict) else source)


def _arxiv(arxiv_id: str, client: HttpClient) -> dict[str, Any]:
    csl = arxiv.fetch(client, arxiv_id)
    published = arxiv.journal_doi(csl)
    if published is None:
        return csl
    try:
        journal, _ = doi.fetch(client, published)
    except (NotFoundError, DataError):
        return csl  # the preprint's own record is still right
    merged = {k: v for k, v in csl.items() if k not in ("publisher", "number", "version")}
    merged.update({k: journal[k] for k in _JOURNAL_FIELDS if k in journal})
    merged["note"] = f"arXiv:{str(csl['number']).removeprefix('arXiv:')}"
    return merged
