"""arXiv preprints through the arXiv API (``/query?id_list=ID``, an Atom feed).

Mapped as Zotero's arXiv translator maps a preprint: type ``article``, ``publisher`` "arXiv",
``number`` ``arXiv:ID``, the DOI arXiv gives every paper (``10.48550/arXiv.ID``) unless the
feed names the published version's DOI, the abstract page as ``URL``, the categories as
keywords. LaTeX in titles and abstracts (``$\\delta$``) becomes text.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from ..errors import DataError, NotFoundError
from .http import HttpClient
from .names import split_name
from .services import ARXIV

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"
_VERSION = re.compile(r"v(\d+)$")
_LATEX = re.compile(r"[\\$]")


def fetch(client: HttpClient, arxiv_id: str) -> dict[str, Any]:
    """The CSL-JSON of the arXiv paper *arxiv_id* (a version, if the id names one)."""
    url = f"{client.base_url(ARXIV)}/query?id_list={quote(arxiv_id, safe='/.')}"
    response = client.get(ARXIV, url, what=f"arXiv {arxiv_id}", accept="application/atom+xml")
    if response.looks_like_html():
        raise DataError(f"arXiv answered a web page instead of an Atom feed for arXiv {arxiv_id}")
    return parse_feed(response.body, arxiv_id)


def parse_feed(data: bytes, arxiv_id: str) -> dict[str, Any]:
    """The CSL-JSON of the first entry of an arXiv Atom feed; NotFoundError if it has none."""
    from ..rendering.xmlsafe import parse_xml_bytes

    try:
        root = parse_xml_bytes(data).getroot()
    except Exception as error:  # lxml's XMLSyntaxError, or entities the safe parser refuses
        raise DataError(
            f"arXiv answered XML that does not parse for arXiv {arxiv_id}: {error}"
        ) from None
    if root.tag != f"{ATOM}feed":
        raise DataError(f"arXiv answered XML that is not an Atom feed for arXiv {arxiv_id}")
    entry = root.find(f"{ATOM}entry")
    if entry is None or _is_error(entry):
        raise NotFoundError(f"arXiv has no paper {arxiv_id}")
    return entry_to_csl(entry, arxiv_id)


def _is_error(entry: Any) -> bool:
    # Unknown or malformed ids come back as an entry titled "Error" whose id is an error URL.
    return "/api/errors" in _text(entry, "id") or _text(entry, "title") == "Error"


def entry_to_csl(entry: Any, arxiv_id: str) -> dict[str, Any]:
    found_id = _abs_id(_text(entry, "id")) or arxiv_id
    version = _VERSION.search(arxiv_id)
    bare = _VERSION.sub("", found_id)
    csl: dict[str, Any] = {
        "type": "article",
        "title": _plain(_text(entry, "title")),
        "publisher": "arXiv",
        "number": f"arXiv:{bare}",
        "URL": f"https://arxiv.org/abs/{bare}",
    }
    authors = [split_name(_squash(n.text or "")) for n in entry.iter(f"{ATOM}name")]
    authors = [a for a in authors if a]
    if authors:
        csl["author"] = authors
    summary = _text(entry, "summary")
    if summary:
        csl["abstract"] = _plain(summary)
    published = _date(_text(entry, "published"))
    if published:
        csl["issued"] = published
    if version:
        csl["version"] = version.group(1)
    doi = _squash(entry.findtext(f"{ARXIV_NS}doi") or "")
    csl["DOI"] = doi.split()[0] if doi else f"10.48550/arXiv.{bare}"
    categories = [c.get("term") for c in entry.iter(f"{ATOM}category") if c.get("term")]
    if categories:
        csl["keyword"] = ", ".join(dict.fromkeys(categories))
    return {k: v for k, v in csl.items() if v}


def journal_doi(csl: dict[str, Any]) -> str | None:
    """The published version's DOI, when the feed named one (not arXiv's own)."""
    doi = str(csl.get("DOI", ""))
    return doi if doi and not doi.lower().startswith("10.48550/") else None


def _text(entry: Any, tag: str) -> str:
    return _squash(entry.findtext(f"{ATOM}{tag}") or "")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _plain(text: str) -> str:
    """Titles and abstracts as text: arXiv keeps the authors' LaTeX (``$\\alpha$``)."""
    if not _LATEX.search(text):
        return text
    from ..formats.bibtex.latex import decode

    try:
        return _squash(decode(text, rich=True))
    except Exception:  # text that is not LaTeX after all is kept as written
        return text


def _abs_id(url: str) -> str | None:
    marker = "/abs/"
    return url.split(marker, 1)[1] if marker in url else None


def _date(text: str) -> dict[str, Any] | None:
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not found:
        return None
    return {"date-parts": [[int(found.group(1)), int(found.group(2)), int(found.group(3))]]}
