"""``sarcref add``: records by identifier, through the core, against a local server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sarcref import Library
from sarcref.adding import add_identifiers, read_identifiers
from sarcref.errors import DataError, NotFoundError, TemporaryFailure, UsageError
from sarcref.records import Record
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply, fixture

ARTICLE_DOI = "10.5555/sarc.2015.001"


def csl_item(doi: str, title: str, family: str = "Okafor", year: int = 2020) -> dict[str, Any]:
    return {
        "type": "article-journal",
        "title": [title],
        "author": [{"family": family, "given": "Ada", "sequence": "first", "affiliation": []}],
        "container-title": ["Journal of Sarcoma Research"],
        "volume": "3",
        "page": "1-9",
        "issued": {"date-parts": [[year, 5]]},
        "DOI": doi.lower(),
        "source": "Crossref",
    }


def serve_doi(web: FakeServices, doi: str, item: dict[str, Any] | bytes) -> None:
    body = item if isinstance(item, bytes) else json.dumps(item).encode()
    web.add(f"/doi/{doi}", Reply(302, headers={"Location": f"/registrar/{doi}"}))
    web.add(f"/registrar/{doi}", Reply(200, body, content_type="application/json"))


@pytest.fixture
def empty(tmp_path: Path) -> Library:
    return Library(tmp_path / "empty.sqlite", seed=False)


def test_a_doi_is_added_under_a_generated_key(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, ARTICLE_DOI, fixture("doi_article.json"))
    report = add_identifiers(empty, [f"https://doi.org/{ARTICLE_DOI}"], client=client)
    assert report.added_keys == ["lerman2015local"]
    assert report.output() == "added lerman2015local\n"
    assert report.output("keys") == "lerman2015local\n"
    assert report.exit_code == 0
    assert report.messages() == ["added 1, updated 0, skipped 0, renamed 0"]
    record = empty.get("lerman2015local")
    assert record.title == "Local control of metastatic sarcoma: a review"
    assert record.csl["DOI"] == ARTICLE_DOI
    assert record.extra["sources"] == [
        {"identifier": f"doi:{ARTICLE_DOI}", "database": "Crossref", "format": "csl-json"}
    ]
    assert record.extra["fetched"]["by"] == f"doi:{ARTICLE_DOI}"
    assert set(record.extra["fetched"]["fields"]) == set(record.csl) - {"id"}


def test_adding_the_same_doi_again_makes_no_request_and_skips_it(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, ARTICLE_DOI, fixture("doi_article.json"))
    add_identifiers(empty, [ARTICLE_DOI], client=client)
    requests = web.count()
    report = add_identifiers(empty, [f"doi:{ARTICLE_DOI}"], client=client)
    assert web.count() == requests
    assert report.added_keys == []
    assert report.messages()[0] == (
        f"skipped doi:{ARTICLE_DOI}: already in the library as 'lerman2015local' "
        f"(same DOI {ARTICLE_DOI})"
    )
    assert report.to_json() == [
        {
            "identifier": f"doi:{ARTICLE_DOI}",
            "status": "skipped",
            "key": "lerman2015local",
            "reason": f"same DOI {ARTICLE_DOI}",
        }
    ]
    assert len(empty) == 1


def test_a_cached_doi_is_added_offline(
    web: FakeServices, client: HttpClient, empty: Library, tmp_path: Path
) -> None:
    serve_doi(web, ARTICLE_DOI, fixture("doi_article.json"))
    add_identifiers(empty, [ARTICLE_DOI], client=client, dry_run=True)
    web.stop()
    report = add_identifiers(empty, [ARTICLE_DOI], client=client)
    assert report.added_keys == ["lerman2015local"]


def test_offline_is_a_temporary_failure_and_nothing_is_written(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "One"))
    web.stop()
    with pytest.raises(TemporaryFailure) as caught:
        add_identifiers(empty, ["10.5555/one", "10.5555/two"], client=client)
    assert caught.value.exit_code == 75
    assert "doi.org" in caught.value.message and "DOI 10.5555/one" in caught.value.message
    assert len(empty) == 0


def test_a_service_failing_mid_batch_writes_nothing(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "One"))
    web.add("/doi/10.5555/two", Reply(503, b"maintenance"))
    with pytest.raises(TemporaryFailure, match="HTTP 503"):
        add_identifiers(empty, ["10.5555/one", "10.5555/two"], client=client)
    assert len(empty) == 0


def test_an_unknown_doi_in_a_batch_fails_alone(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "First paper"))
    web.add("/doi/10.5555/none", Reply(404, b"DOI not found", content_type="text/plain"))
    serve_doi(web, "10.5555/three", csl_item("10.5555/three", "Third paper", family="Berg"))
    report = add_identifiers(empty, ["10.5555/one", "10.5555/none", "10.5555/three"], client=client)
    assert report.added_keys == ["okafor2020first", "berg2020third"]
    (failure,) = report.failures
    assert failure.text == "10.5555/none"
    assert isinstance(failure.error, NotFoundError)
    assert report.exit_code == 1
    assert "error: 10.5555/none: doi.org does not know DOI 10.5555/none (HTTP 404)" in (
        report.messages()
    )
    assert report.messages()[-1] == "added 2, updated 0, skipped 0, renamed 0, failed 1"
    assert sorted(empty.keys()) == ["berg2020third", "okafor2020first"]


def test_a_wrong_answer_fails_alone_with_bad_data(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "One"))
    web.add("/doi/10.5555/html", Reply(200, b"<html>landing</html>", content_type="text/html"))
    report = add_identifiers(empty, ["10.5555/html", "10.5555/one"], client=client)
    assert isinstance(report.failures[0].error, DataError)
    assert [(r["identifier"], r["status"]) for r in report.to_json()] == [
        ("10.5555/html", "failed"),
        ("10.5555/one", "added"),
    ]
    assert report.exit_code == 3
    assert len(empty) == 1


def test_an_identifier_of_no_known_shape_stops_everything_before_any_request(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    with pytest.raises(UsageError, match="bare number"):
        add_identifiers(empty, ["10.5555/one", "25490690"], client=client)
    assert web.count() == 0


def test_a_dry_run_fetches_but_writes_nothing(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "One"))
    report = add_identifiers(empty, ["10.5555/one"], client=client, dry_run=True)
    assert report.output() == "would add okafor2020one\n"
    assert report.messages()[-1].startswith("dry run: would add 1")
    assert len(empty) == 0


def test_on_duplicate_update_refreshes_the_library_record(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    empty.add(
        Record(
            "mine",
            {"id": "mine", "type": "article-journal", "title": "Old", "DOI": "10.5555/ONE"},
            tags=["keep"],
        )
    )
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "New title"))
    report = add_identifiers(empty, ["10.5555/one"], client=client, on_duplicate="update")
    assert report.messages()[0] == "updated 'mine' from 10.5555/one (same DOI 10.5555/one)"
    record = empty.get("mine")
    assert (record.title, record.tags) == ("New title", ["keep"])
    with pytest.raises(UsageError):
        add_identifiers(empty, ["10.5555/one"], client=client, on_duplicate="merge")


def test_one_work_asked_for_twice_is_added_once(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, ARTICLE_DOI, fixture("doi_article.json"))
    web.add("/idconv/", Reply(200, fixture("idconv_doi_only.json")))
    report = add_identifiers(
        empty,
        [ARTICLE_DOI, f"https://doi.org/{ARTICLE_DOI}", "PMC7654321"],
        client=client,
    )
    assert report.added_keys == ["lerman2015local"]
    assert report.repeated == [
        (f"https://doi.org/{ARTICLE_DOI}", f"given twice (as {ARTICLE_DOI})"),
        ("PMC7654321", f"the same work as {ARTICLE_DOI} (DOI {ARTICLE_DOI})"),
    ]


def test_a_pmcid_outside_pubmed_is_added_by_its_doi_and_keeps_its_pmcid(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, ARTICLE_DOI, fixture("doi_article.json"))
    web.add("/idconv/", Reply(200, fixture("idconv_doi_only.json")))
    report = add_identifiers(empty, ["pmcid:PMC7654321"], client=client)
    record = empty.get(report.added_keys[0])
    assert record.csl["PMCID"] == "PMC7654321"
    assert record.extra["fetched"]["by"] == "pmcid:PMC7654321"


def test_a_pmid_is_added_from_its_medline_record(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, fixture("medline.txt"), content_type="text/plain"))
    report = add_identifiers(empty, ["https://pubmed.ncbi.nlm.nih.gov/25490690/"], client=client)
    record = empty.get(report.added_keys[0])
    assert record.key == "lerman2015local"
    assert record.title == "Local control of metastatic sarcoma"
    assert record.csl["PMID"] == "25490690"
    assert record.csl["container-title-short"] == "Curr Opin Pediatr"
    assert (record.csl["volume"], record.csl["issue"], record.csl["page"]) == ("27", "1", "3-8")
    assert record.extra["sources"] == [
        {
            "identifier": "pmid:25490690",
            "database": "PubMed",
            "format": "medline",
            "accession": "25490690",
        }
    ]
    assert record.extra["fetched"]["by"] == "pmid:25490690"
    (request,) = web.requests("/ncbi/efetch.fcgi")
    assert (request.query["db"], request.query["rettype"], request.query["id"]) == (
        "pubmed",
        "medline",
        "25490690",
    )


def test_an_arxiv_paper_with_a_journal_version_takes_the_journal_fields(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    web.add("/arxiv/query", Reply(200, fixture("arxiv_journal.xml"), content_type="text/xml"))
    serve_doi(web, ARTICLE_DOI, fixture("doi_article.json"))
    report = add_identifiers(empty, ["https://arxiv.org/abs/math/0307200"], client=client)
    csl = empty.get(report.added_keys[0]).csl
    assert csl["type"] == "article-journal"
    assert csl["title"] == "Growth curves of sarcoma cell lines"  # arXiv's own title
    assert (csl["container-title"], csl["volume"], csl["page"]) == (
        "Journal of Sarcoma Research",
        "27",
        "3-8",
    )
    assert csl["note"] == "arXiv:math/0307200"
    assert "publisher" not in csl and "number" not in csl


def test_an_isbn_is_added_from_open_library(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    web.add("/openlibrary/api/books", Reply(200, fixture("openlibrary_book.json")))
    report = add_identifiers(empty, ["978-0-306-40615-7"], client=client)
    assert report.added_keys == ["okafor1998sarcoma"]
    assert empty.get("okafor1998sarcoma").csl["ISBN"] == "9780306406157"


def test_a_batch_uses_one_connection_and_the_cache_the_second_time(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    dois = [f"10.5555/batch.{n}" for n in range(25)]
    for n, doi in enumerate(dois):
        web.add(f"/doi/{doi}", Reply.json(csl_item(doi, f"Paper {n}", family=f"Author{n}")))
    report = add_identifiers(empty, dois, client=client)
    assert len(report.added_keys) == 25
    assert (web.count(), web.connections()) == (25, 1)
    add_identifiers(empty, dois, client=client)
    assert web.count() == 25


def test_progress_is_reported_per_identifier(
    web: FakeServices, client: HttpClient, empty: Library
) -> None:
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "One"))
    seen: list[tuple[int, int]] = []
    add_identifiers(
        empty,
        ["10.5555/one", "10.5555/one"],
        client=client,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1, 2), (2, 2)]


def test_identifiers_from_standard_input() -> None:
    text = "# my reading list\n10.5555/one\n\n  pmid:25490690  \n2101.00001 # the preprint\n"
    assert read_identifiers(text) == ["10.5555/one", "pmid:25490690", "2101.00001"]


def test_as_the_command_calls_it(web: FakeServices, library_path: Path) -> None:
    """``sarcref add 10.5555/one 10.5555/none --format json``: the library from the
    environment, the client made by the core from the environment (cache, email, URLs)."""
    serve_doi(web, "10.5555/one", csl_item("10.5555/one", "One"))
    web.add("/doi/10.5555/none", Reply(404, b""))
    with Library(library_path) as library:
        report = add_identifiers(
            library, ["10.5555/one", "10.5555/none"], on_duplicate="skip", dry_run=False
        )
        rows = json.loads(report.output("json"))
        assert [r["status"] for r in rows] == ["added", "failed"]
        assert rows[1]["exit_code"] == 1
        assert report.exit_code == 1
        assert "okafor2020one" in library
    assert web.requests()[0].headers["user-agent"].endswith("mailto:test@example.org)")
    assert any((library_path.parent / "cache" / "http").rglob("*.bin"))
