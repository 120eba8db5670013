"""arXiv's Atom feed as Zotero maps a preprint."""

from __future__ import annotations

import pytest

from sarcref.errors import DataError, NotFoundError
from sarcref.web import arxiv
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply, fixture

ATOM = "application/atom+xml"


def test_a_preprint(web: FakeServices, client: HttpClient) -> None:
    web.add("/arxiv/query", Reply(200, fixture("arxiv_preprint.xml"), content_type=ATOM))
    csl = arxiv.fetch(client, "2101.00001v2")
    assert csl == {
        "type": "article",
        "title": "Survival models for \u03b1-particle therapy in soft-tissue sarcoma",
        "author": [
            {"family": "Berg", "given": "Maria", "non-dropping-particle": "van der"},
            {"family": "García-López", "given": "José"},
        ],
        "abstract": "We fit survival models to registry data.",
        "issued": {"date-parts": [[2021, 1, 1]]},
        "publisher": "arXiv",
        "number": "arXiv:2101.00001",
        "version": "2",
        "DOI": "10.48550/arXiv.2101.00001",
        "URL": "https://arxiv.org/abs/2101.00001",
        "keyword": "q-bio.QM, stat.AP",
    }
    assert web.requests()[0].query == {"id_list": "2101.00001v2"}
    assert arxiv.journal_doi(csl) is None


def test_an_old_style_id_with_a_journal_doi() -> None:
    csl = arxiv.parse_feed(fixture("arxiv_journal.xml"), "math/0307200")
    assert csl["number"] == "arXiv:math/0307200"
    assert csl["URL"] == "https://arxiv.org/abs/math/0307200"
    assert arxiv.journal_doi(csl) == "10.5555/sarc.2015.001"


@pytest.mark.parametrize("name", ["arxiv_error.xml", "arxiv_empty.xml"])
def test_an_unknown_id_is_not_found(name: str) -> None:
    with pytest.raises(NotFoundError, match="arXiv has no paper 2101.99999"):
        arxiv.parse_feed(fixture(name), "2101.99999")


def test_broken_xml_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/arxiv/query", Reply(200, b"<feed><entry>", content_type=ATOM))
    with pytest.raises(DataError, match="arXiv answered XML that does not parse"):
        arxiv.fetch(client, "2101.00001")


def test_xml_with_entities_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&b;</title></entry></feed>'
    )
    with pytest.raises(DataError, match="does not parse"):
        arxiv.parse_feed(laughs, "2101.00001")


def test_a_web_page_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/arxiv/query", Reply(200, b"<!doctype html><html></html>", content_type="text/html"))
    with pytest.raises(DataError, match="web page instead of an Atom feed"):
        arxiv.fetch(client, "2101.00001")
