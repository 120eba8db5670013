"""doi.org content negotiation: Crossref's CSL-JSON made clean, and what goes wrong."""

from __future__ import annotations

import json

import pytest

from sarcref.errors import DataError, NotFoundError
from sarcref.web import doi
from sarcref.web.csl import clean_csl, csl_type
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply, fixture

CSL_JSON = "application/vnd.citationstyles.csl+json"


def serve_article(web: FakeServices) -> None:
    """doi.org redirects to the registration agency, which answers CSL-JSON."""
    web.add(
        "/doi/10.5555/SARC.2015.001",
        Reply(302, headers={"Location": "/crossref-data/10.5555/sarc.2015.001/transform"}),
    )
    web.add(
        "/crossref-data/10.5555/sarc.2015.001/transform",
        Reply(200, fixture("doi_article.json"), content_type=CSL_JSON),
    )


def test_crossref_csl_json_becomes_clean_csl(web: FakeServices, client: HttpClient) -> None:
    serve_article(web)
    csl, agency = doi.fetch(client, "10.5555/SARC.2015.001")
    assert agency == "Crossref"
    assert csl == {
        "type": "article-journal",
        "title": "Local control of <i>metastatic</i> sarcoma: a review",
        "author": [
            {"family": "Lerman", "given": "Daniel M."},
            {"family": "Randall", "given": "R. Lor"},
            {"literal": "Sarcoma Study Group"},
        ],
        "container-title": "Journal of Sarcoma Research",
        "container-title-short": "J Sarcoma Res",
        "publisher": "Sarcoma Research Society",
        "volume": "27",
        "issue": "1",
        "page": "3-8",
        "issued": {"date-parts": [[2015, 1]]},  # the printed issue's date, not online-first
        "ISSN": "1040-8703, 1531-698X",
        "abstract": "Purpose of review: Survival of children with <i>metastatic</i> sarcoma.\n"
        "Summary: Local control helps some patients & costs little.",
        "DOI": "10.5555/SARC.2015.001",  # as the user wrote it, not Crossref's lower case
        "source": "Crossref",
    }
    assert web.requests()[0].headers["accept"] == CSL_JSON


def test_quirks_of_other_answers() -> None:
    csl = clean_csl(json.loads(fixture("doi_posted.json")))
    assert csl == {
        "type": "article",  # posted-content
        "title": "A dataset of <i>sarcoma</i> registries \u2013 version 2",  # mojibake mended
        "author": [{"family": "Okafor", "given": "Ada"}],
        "publisher": "Example Archive",
        "DOI": "10.5555/sarc.data.2",
    }  # issued [[null]] and the empty container-title list are dropped


def test_types_csl_lacks_are_mapped() -> None:
    assert csl_type("article-journal") == "article-journal"
    assert csl_type("journal-article") == "article-journal"
    assert csl_type("book-chapter") == "chapter"
    assert csl_type("proceedings-article") == "paper-conference"
    assert csl_type("dissertation") == "thesis"
    assert csl_type("something-new") == "document"


def test_a_url_that_only_repeats_the_doi_is_dropped_but_a_landing_page_stays() -> None:
    item = {"type": "book", "title": "T", "DOI": "10.5555/b", "URL": "http://dx.doi.org/10.5555/B"}
    assert "URL" not in clean_csl(item)
    item["URL"] = "https://example.org/book"
    assert clean_csl(item)["URL"] == "https://example.org/book"


def test_an_unknown_doi_is_not_found(web: FakeServices, client: HttpClient) -> None:
    web.add("/doi/10.5555/missing", Reply(404, b"DOI Not Found", content_type="text/html"))
    with pytest.raises(NotFoundError, match="doi.org does not know DOI 10.5555/missing"):
        doi.fetch(client, "10.5555/missing")


def test_a_web_page_instead_of_csl_json_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add(
        "/doi/10.5555/landing",
        Reply(200, b"<!DOCTYPE html><html><body>Landing</body></html>", content_type="text/html"),
    )
    with pytest.raises(DataError, match="doi.org answered a web page instead of CSL-JSON"):
        doi.fetch(client, "10.5555/landing")


def test_broken_json_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/doi/10.5555/broken", Reply(200, b'{"title": "cut', content_type=CSL_JSON))
    with pytest.raises(DataError, match="not JSON for DOI 10.5555/broken"):
        doi.fetch(client, "10.5555/broken")


def test_a_doi_with_url_characters_is_escaped_in_the_path(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/doi/10.5555/a%23b%3Fc", Reply(200, b'{"type": "book", "title": "Odd"}'))
    csl, _ = doi.fetch(client, "10.5555/a#b?c")
    assert csl["title"] == "Odd" and csl["DOI"] == "10.5555/a#b?c"
