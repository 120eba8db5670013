"""PubMed by PMID and PubMed Central by PMCID: the request side.

The MEDLINE text is read by ``sarcref.formats.medline`` (written on another branch); these
tests replace that one call, ``ncbi.read_medline``, and check what is asked of NCBI.
"""

from __future__ import annotations

import pytest

from sarcref.errors import DataError, NotFoundError
from sarcref.identifiers import Identifier
from sarcref.records import Record
from sarcref.web import ncbi
from sarcref.web.http import HttpClient
from tests.web.server import FakeClock, FakeServices, Reply, fixture


@pytest.fixture
def medline_read(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Stand in for sarcref.formats.medline: record what it was given, answer one record."""
    calls: list[tuple[str, str]] = []

    def read(text: str, source: str) -> list[Record]:
        calls.append((text, source))
        csl = {"id": "", "type": "article-journal", "title": "Local control", "PMID": "25490690"}
        return [Record(key="", csl=csl)]

    monkeypatch.setattr(ncbi, "read_medline", read)
    return calls


def serve_medline(web: FakeServices) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, fixture("medline.txt"), content_type="text/plain"))


def test_efetch_is_asked_for_medline_text_naming_sarcref(
    web: FakeServices, client: HttpClient, medline_read: list[tuple[str, str]]
) -> None:
    serve_medline(web)
    record = ncbi.fetch_pmid(client, "25490690")
    assert record.csl["PMID"] == "25490690"
    (seen,) = web.requests()
    assert seen.path == "/ncbi/efetch.fcgi"
    assert seen.query == {
        "db": "pubmed",
        "id": "25490690",
        "rettype": "medline",
        "retmode": "text",
        "tool": "sarcref",
        "email": "test@example.org",
    }
    assert medline_read == [(fixture("medline.txt").decode(), "PubMed 25490690")]


def test_a_second_fetch_comes_from_the_cache(
    web: FakeServices, client: HttpClient, medline_read: list[tuple[str, str]]
) -> None:
    serve_medline(web)
    ncbi.fetch_pmid(client, "25490690")
    ncbi.fetch_pmid(client, "25490690")
    assert web.count() == 1
    assert len(medline_read) == 2


def test_pmids_are_fetched_three_a_second(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, b"PMID- 1\n\nPMID- 2\n", content_type="text/plain"))
    ncbi.fetch_medline(client, "1")
    ncbi.fetch_medline(client, "2")
    assert clock.sleeps == pytest.approx([0.34])


def test_an_unknown_pmid_is_not_found(web: FakeServices, client: HttpClient) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, b"\n", content_type="text/plain"))
    with pytest.raises(NotFoundError, match="PubMed has no record with PMID 99999999"):
        ncbi.fetch_medline(client, "99999999")


def test_an_error_page_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, b"<html>error</html>", content_type="text/html"))
    with pytest.raises(DataError, match="web page instead of MEDLINE for PMID 1"):
        ncbi.fetch_medline(client, "1")


def test_a_pmcid_is_resolved_to_its_pmid(web: FakeServices, client: HttpClient) -> None:
    web.add("/idconv/", Reply(200, fixture("idconv.json")))
    assert ncbi.resolve_pmcid(client, "PMC1234567") == Identifier("pmid", "25490690")
    (seen,) = web.requests()
    assert seen.query == {
        "ids": "PMC1234567",
        "format": "json",
        "tool": "sarcref",
        "email": "test@example.org",
    }


def test_a_pmcid_without_a_pmid_is_resolved_to_its_doi(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/idconv/", Reply(200, fixture("idconv_doi_only.json")))
    assert ncbi.resolve_pmcid(client, "PMC7654321") == Identifier("doi", "10.5555/sarc.2015.001")


def test_an_unknown_pmcid_is_not_found(web: FakeServices, client: HttpClient) -> None:
    web.add("/idconv/", Reply(200, fixture("idconv_unknown.json")))
    with pytest.raises(NotFoundError, match="invalid article id"):
        ncbi.resolve_pmcid(client, "PMC9999999")
