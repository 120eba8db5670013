"""A DOI's record through doi.org content negotiation: ``Accept:
application/vnd.citationstyles.csl+json``, redirected to the DOI's registration agency
(Crossref, DataCite, mEDRA, ...), which answers CSL-JSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from ..errors import DataError
from .csl import clean_csl
from .http import HttpClient
from .services import DOI

ACCEPT = "application/vnd.citationstyles.csl+json"
# Characters a DOI keeps in a URL path; '#', '?', '%', '<', '>' and spaces are escaped.
_SAFE = "/:;()[]@!$&'*+,=-._~"
_AGENCIES = {
    "crossref.org": "Crossref",
    "datacite.org": "DataCite",
    "medra.org": "mEDRA",
    "jalc.or.jp": "JaLC",
    "kisti.re.kr": "KISTI",
    "airiti.com": "Airiti",
    "cnki.net": "CNKI",
    "op.europa.eu": "OP",
}


def doi_path(doi: str) -> str:
    """*doi* as a URL path: its slashes kept, what a URL cannot hold escaped."""
    return quote(doi, safe=_SAFE)


def doi_url(client: HttpClient, doi: str) -> str:
    return f"{client.base_url(DOI)}/{doi_path(doi)}"


def fetch(client: HttpClient, doi: str) -> tuple[dict[str, Any], str]:
    """The clean CSL-JSON of *doi* and the name of the agency that answered.

    NotFoundError when doi.org does not know the DOI; DataError when the answer is not
    CSL-JSON (a landing page: the agency does not offer content negotiation).
    """
    response = client.get(DOI, doi_url(client, doi), accept=ACCEPT, what=f"DOI {doi}")
    if response.looks_like_html():
        raise DataError(
            f"doi.org answered a web page instead of CSL-JSON for DOI {doi}",
            hint="the DOI's registration agency may not offer metadata; "
            "import the record from a file instead",
        )
    item = response.json("doi.org", f"DOI {doi}")
    if isinstance(item, list) and len(item) == 1:
        item = item[0]
    if not isinstance(item, dict) or not (item.get("title") or item.get("type")):
        raise DataError(f"doi.org answered JSON that is not a CSL item for DOI {doi}")
    return clean_csl(item, doi=doi), agency(response.url, item)


def agency(url: str, item: dict[str, Any]) -> str:
    """Which registration agency answered: from the final URL's host, else the item's
    ``source``."""
    host = (urlsplit(url).hostname or "").lower()
    for domain, name in _AGENCIES.items():
        if host == domain or host.endswith("." + domain):
            return name
    source = item.get("source")
    return source if isinstance(source, str) and source.strip() else "doi.org"
