"""Each web service: its name in messages, its base URL (an environment variable overrides
it, for mirrors and tests) and the rate-limit group its requests count against."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    name: str
    label: str  # how messages name it
    env: str  # the environment variable that overrides the base URL
    default: str
    group: str  # requests of one group are spaced together (one published limit)

    def base_url(self, environ: Mapping[str, str] = os.environ) -> str:
        return (environ.get(self.env) or self.default).rstrip("/")


DOI = Service("doi", "doi.org", "SARCREF_DOI_URL", "https://doi.org", "crossref")
CROSSREF = Service(
    "crossref", "Crossref", "SARCREF_CROSSREF_URL", "https://api.crossref.org", "crossref"
)
NCBI = Service(
    "ncbi",
    "NCBI E-utilities",
    "SARCREF_NCBI_URL",
    "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
    "ncbi",
)
# The converter's base URL as NCBI's current API page gives it (earlier versions of the page
# gave www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/; SARCREF_IDCONV_URL can point there).
IDCONV = Service(
    "idconv",
    "the PMC ID converter",
    "SARCREF_IDCONV_URL",
    "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles",
    "ncbi",
)
ARXIV = Service("arxiv", "arXiv", "SARCREF_ARXIV_URL", "https://export.arxiv.org/api", "arxiv")
OPENLIBRARY = Service(
    "openlibrary",
    "Open Library",
    "SARCREF_OPENLIBRARY_URL",
    "https://openlibrary.org",
    "openlibrary",
)

SERVICES = (DOI, CROSSREF, NCBI, IDCONV, ARXIV, OPENLIBRARY)


def min_interval(group: str, *, email: str | None, api_key: str | None) -> float:
    """Seconds between two requests of *group*, as each service publishes its limit.

    Crossref: 5 requests/s anonymously, 10/s with a contact address (the "polite pool", from
    December 2025); its ``x-rate-limit-*`` headers override this once seen. NCBI: 3/s, 10/s
    with an API key. arXiv: one request every 3 s. Open Library: 1/s, 3/s for clients that
    identify themselves with a contact address.
    """
    if group == "crossref":
        return 0.1 if email else 0.2
    if group == "ncbi":
        return 0.1 if api_key else 0.34
    if group == "arxiv":
        return 3.0
    if group == "openlibrary":
        return 1 / 3 if email else 1.0
    return 0.0
