"""The shared HTTP client against a real local server: manners, retries, limits, cache."""

from __future__ import annotations

import gzip
import socket
import time
from pathlib import Path

import pytest

from sarcref import __version__
from sarcref.errors import DataError, NotFoundError, TemporaryFailure
from sarcref.web.cache import ResponseCache
from sarcref.web.http import HttpClient
from sarcref.web.services import ARXIV, CROSSREF, DOI, NCBI
from tests.web.server import FakeClock, FakeServices, Reply


def url(web: FakeServices, path: str) -> str:
    return web.url + path


def test_every_request_names_sarcref_and_the_contact_address(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/crossref/works/x", Reply.json({"message": {}}))
    client.get(CROSSREF, url(web, "/crossref/works/x"), what="DOI x", accept="application/json")
    (seen,) = web.requests()
    assert seen.headers["user-agent"] == (
        f"sarcref/{__version__} (+https://github.com/sarcref/sarcref; mailto:test@example.org)"
    )
    assert seen.headers["accept"] == "application/json"


def test_without_an_address_the_user_agent_has_no_mailto(web: FakeServices) -> None:
    with HttpClient(email="", cache=None) as anonymous:
        assert (
            anonymous.user_agent == f"sarcref/{__version__} (+https://github.com/sarcref/sarcref)"
        )


def test_a_redirect_chain_is_followed_with_the_same_accept_header(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/doi/10.5555/a", Reply(302, headers={"Location": "/hop/10.5555/a"}))
    web.add("/hop/10.5555/a", Reply(301, headers={"Location": url(web, "/registrar/a")}))
    web.add("/registrar/a", Reply(200, b'{"title": "A"}'))
    response = client.get(DOI, url(web, "/doi/10.5555/a"), what="DOI 10.5555/a", accept="x/csl")
    assert response.body == b'{"title": "A"}'
    assert response.url == url(web, "/registrar/a")
    assert [s.path for s in web.requests()] == ["/doi/10.5555/a", "/hop/10.5555/a", "/registrar/a"]
    assert {s.headers["accept"] for s in web.requests()} == {"x/csl"}


def test_a_redirect_loop_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/doi/loop", Reply(302, headers={"Location": "/doi/loop"}))
    with pytest.raises(DataError, match="more than 10 times"):
        client.get(DOI, url(web, "/doi/loop"), what="DOI loop")


def test_a_redirect_to_a_malformed_address_is_bad_data(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/doi/odd", Reply(302, headers={"Location": "http://[::1/odd"}))
    with pytest.raises(DataError, match=r"to a malformed address: 'http://\[::1/odd'"):
        client.get(DOI, url(web, "/doi/odd"), what="DOI odd")


@pytest.mark.parametrize(
    ("base", "why"),
    [
        ("http://127.0.0.1:99999", "Port out of range 0-65535"),
        ("http://[::1", "Invalid IPv6 URL"),
        ("ftp://mirror.example.org", "not an http(s) URL"),
    ],
)
def test_a_service_address_that_is_not_a_url_is_bad_data(base: str, why: str) -> None:
    # Set by SARCREF_DOI_URL and the like; these were ValueErrors (exit 70).
    with HttpClient(cache=None, environ={}) as client, pytest.raises(DataError) as caught:
        client.get(DOI, f"{base}/10.5555/a", what="DOI 10.5555/a")
    assert caught.value.message == f"doi.org: cannot request '{base}/10.5555/a' ({why})"


def test_a_contact_address_with_a_line_break_never_reaches_a_header() -> None:
    from sarcref.errors import UsageError

    with pytest.raises(UsageError, match=r"'me@lab.org\\r\\nX-Injected: 1' is not an e-mail"):
        HttpClient(email="me@lab.org\r\nX-Injected: 1", cache=None)


def test_404_is_not_found_naming_the_service_and_the_identifier(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/doi/10.5555/none", Reply(404, b"DOI not found", content_type="text/plain"))
    with pytest.raises(NotFoundError) as caught:
        client.get(DOI, url(web, "/doi/10.5555/none"), what="DOI 10.5555/none")
    assert caught.value.message == "doi.org does not know DOI 10.5555/none (HTTP 404)"
    assert caught.value.exit_code == 1


def test_406_says_the_format_is_not_offered(web: FakeServices, client: HttpClient) -> None:
    web.add("/doi/10.5555/xml", Reply(406, b"", content_type="text/plain"))
    with pytest.raises(DataError, match="cannot give DOI 10.5555/xml"):
        client.get(DOI, url(web, "/doi/10.5555/xml"), what="DOI 10.5555/xml")


def test_429_is_tried_again_after_retry_after(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add(
        "/crossref/works/busy",
        Reply(429, b"slow down", headers={"Retry-After": "2"}),
        Reply.json({"message": {"DOI": "busy"}}),
    )
    response = client.get(CROSSREF, url(web, "/crossref/works/busy"), what="DOI busy")
    assert b'"busy"' in response.body
    assert web.count("/crossref") == 2
    assert 2.0 in clock.sleeps


def test_a_retry_after_beyond_the_budget_fails_at_once(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add("/crossref/works/later", Reply(503, b"", headers={"Retry-After": "120"}))
    with pytest.raises(TemporaryFailure) as caught:
        client.get(CROSSREF, url(web, "/crossref/works/later"), what="DOI later")
    assert caught.value.exit_code == 75
    assert "Crossref answered HTTP 503" in caught.value.message
    assert "DOI later" in caught.value.message
    assert "wait 120 s" in caught.value.message
    assert web.count() == 1
    assert clock.sleeps == []


def test_500_then_200_succeeds_after_a_short_wait(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add("/crossref/works/flaky", Reply(500, b"oops"), Reply.json({"message": {}}))
    client.get(CROSSREF, url(web, "/crossref/works/flaky"), what="DOI flaky")
    assert web.count() == 2
    assert clock.sleeps == [1.0]


def test_a_service_that_keeps_failing_is_tried_three_times(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add("/crossref/works/down", Reply(502, b"bad gateway"))
    with pytest.raises(TemporaryFailure, match=r"HTTP 502 .* \(3 tries\)"):
        client.get(CROSSREF, url(web, "/crossref/works/down"), what="DOI down")
    assert web.count() == 3
    assert clock.sleeps == [1.0, 2.0]


def test_a_slow_answer_times_out_and_is_tried_again(web: FakeServices, clock: FakeClock) -> None:
    web.add("/crossref/works/slow", Reply.json({"message": {}}, delay=1.2), Reply.json({"ok": 1}))
    with HttpClient(cache=None, read_timeout=0.4, clock=clock.monotonic, sleep=clock.sleep) as c:
        response = c.get(CROSSREF, url(web, "/crossref/works/slow"), what="DOI slow")
    assert response.body == b'{"ok": 1}'
    assert web.count() == 2


def test_a_service_that_never_answers_in_time_is_a_temporary_failure(
    web: FakeServices, clock: FakeClock
) -> None:
    web.add("/crossref/works/stuck", Reply.json({}, delay=1.0))
    with HttpClient(cache=None, read_timeout=0.25, clock=clock.monotonic, sleep=clock.sleep) as c:
        with pytest.raises(TemporaryFailure, match=r"did not answer for DOI stuck: timed out"):
            c.get(CROSSREF, url(web, "/crossref/works/stuck"), what="DOI stuck")
    assert web.count() == 3


def test_no_server_is_a_temporary_failure_without_retries(clock: FakeClock) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with HttpClient(cache=None, clock=clock.monotonic, sleep=clock.sleep) as c:
        with pytest.raises(TemporaryFailure) as caught:
            c.get(DOI, f"http://127.0.0.1:{port}/10.5555/a", what="DOI 10.5555/a")
    assert "cannot reach doi.org" in caught.value.message
    assert "DOI 10.5555/a" in caught.value.message
    assert clock.sleeps == []


def test_a_name_that_does_not_resolve_is_a_temporary_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with HttpClient(cache=None) as c:
        with pytest.raises(TemporaryFailure, match="does not resolve"):
            c.get(DOI, "http://doi.invalid/10.5555/a", what="DOI 10.5555/a")


def test_a_batch_reuses_one_connection_per_host(web: FakeServices, client: HttpClient) -> None:
    for n in range(12):
        web.add(f"/crossref/works/{n}", Reply.json({"message": {"n": n}}))
        client.get(CROSSREF, url(web, f"/crossref/works/{n}"), what=f"DOI {n}")
    assert web.count() == 12
    assert web.connections() == 1
    assert client.stats.connections == 1


def test_a_connection_the_server_closes_is_opened_again(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/crossref/works/a", Reply.json({}, headers={"Connection": "close"}))
    web.add("/crossref/works/b", Reply.json({}))
    client.get(CROSSREF, url(web, "/crossref/works/a"), what="DOI a")
    client.get(CROSSREF, url(web, "/crossref/works/b"), what="DOI b")
    assert web.count() == 2
    assert client.stats.connections == 2


def test_a_gzipped_answer_is_read(web: FakeServices, client: HttpClient) -> None:
    body = gzip.compress(b'{"message": {"title": "zipped"}}')
    web.add("/crossref/works/z", Reply(200, body, headers={"Content-Encoding": "gzip"}))
    response = client.get(CROSSREF, url(web, "/crossref/works/z"), what="DOI z")
    assert response.body == b'{"message": {"title": "zipped"}}'
    assert web.requests()[0].headers["accept-encoding"] == "gzip"


# -- spacing -----------------------------------------------------------------------------------


def test_ncbi_requests_are_spaced_to_three_a_second(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, b"PMID- 1\n", content_type="text/plain"))
    for pmid in ("1", "2", "3"):
        client.get(NCBI, url(web, "/ncbi/efetch.fcgi"), params={"id": pmid}, what=f"PMID {pmid}")
    assert clock.sleeps == pytest.approx([0.34, 0.34])


def test_an_ncbi_api_key_allows_ten_a_second_and_is_sent(
    web: FakeServices, clock: FakeClock
) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, b"PMID- 1\n", content_type="text/plain"))
    with HttpClient(api_key="k3y", cache=None, clock=clock.monotonic, sleep=clock.sleep) as c:
        for pmid in ("1", "2"):
            c.get(
                NCBI,
                url(web, "/ncbi/efetch.fcgi"),
                params={"id": pmid},
                private_params={"api_key": c.api_key},
                what=f"PMID {pmid}",
            )
    assert clock.sleeps == pytest.approx([0.1])
    assert web.requests()[0].query["api_key"] == "k3y"


def test_arxiv_requests_are_three_seconds_apart(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    web.add("/arxiv/query", Reply(200, b"<feed/>", content_type="application/atom+xml"))
    for n in range(3):
        client.get(ARXIV, url(web, "/arxiv/query"), params={"id_list": str(n)}, what="arXiv")
    assert clock.sleeps == pytest.approx([3.0, 3.0])


def test_crossref_spacing_follows_its_rate_limit_headers(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    limits = {"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"}
    web.add("/crossref/works/a", Reply.json({}, headers=limits))
    assert client.interval(CROSSREF) == pytest.approx(0.1)  # the polite pool's default
    client.get(CROSSREF, url(web, "/crossref/works/a"), what="DOI a")
    assert client.interval(CROSSREF) == pytest.approx(0.02)
    # The same host and group: the registration agency's answers to doi.org redirects.
    assert client.interval(DOI) == pytest.approx(0.02)


def test_doi_org_and_the_agency_it_redirects_to_keep_their_own_pace(
    web: FakeServices, client: HttpClient, clock: FakeClock
) -> None:
    agency = f"http://localhost:{web.port}"  # another host name for the registration agency
    for doi in ("10.5555/a", "10.5555/b"):
        web.add(f"/doi/{doi}", Reply(302, headers={"Location": f"{agency}/registrar/{doi}"}))
        web.add(f"/registrar/{doi}", Reply(200, b'{"title": "T"}'))
        client.get(DOI, url(web, f"/doi/{doi}"), what=f"DOI {doi}")
    # Only doi.org waits for its second request (the agency's pause passed meanwhile); one
    # pace for both hosts would wait before each of the last three requests.
    assert clock.sleeps == pytest.approx([0.1])


def test_spacing_in_real_time(web: FakeServices) -> None:
    """The one test on the real clock: three requests at 10/s take at least 0.2 s."""
    web.add("/ncbi/efetch.fcgi", Reply(200, b"PMID- 1\n", content_type="text/plain"))
    started = time.monotonic()
    with HttpClient(api_key="k", cache=None) as c:
        for pmid in ("1", "2", "3"):
            c.get(NCBI, url(web, "/ncbi/efetch.fcgi"), params={"id": pmid}, what="PMID")
    assert time.monotonic() - started >= 0.2


# -- the cache ---------------------------------------------------------------------------------


def test_a_second_request_is_answered_from_the_cache(web: FakeServices, client: HttpClient) -> None:
    web.add("/crossref/works/c", Reply.json({"message": {"title": ["Cached"]}}))
    first = client.get(CROSSREF, url(web, "/crossref/works/c"), what="DOI c")
    second = client.get(CROSSREF, url(web, "/crossref/works/c"), what="DOI c")
    assert web.count() == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.body == first.body and second.url == first.url


def test_refresh_asks_again_and_stores_the_new_answer(
    web: FakeServices, client: HttpClient, tmp_path: Path
) -> None:
    web.add("/crossref/works/r", Reply.json({"v": 1}), Reply.json({"v": 2}))
    client.get(CROSSREF, url(web, "/crossref/works/r"), what="DOI r")
    with HttpClient(refresh=True) as fresh:
        assert fresh.get(CROSSREF, url(web, "/crossref/works/r"), what="DOI r").body == b'{"v": 2}'
    assert client.get(CROSSREF, url(web, "/crossref/works/r"), what="DOI r").body == b'{"v": 2}'
    assert web.count() == 2


def test_an_answer_older_than_max_age_is_fetched_again(web: FakeServices, tmp_path: Path) -> None:
    now = [1_000_000.0]
    cache = ResponseCache(tmp_path / "c", now=lambda: now[0])
    web.add("/crossref/works/old", Reply.json({}))
    with HttpClient(cache=cache) as c:
        c.get(CROSSREF, url(web, "/crossref/works/old"), what="DOI old", max_age=60)
        now[0] += 59
        c.get(CROSSREF, url(web, "/crossref/works/old"), what="DOI old", max_age=60)
        now[0] += 2
        c.get(CROSSREF, url(web, "/crossref/works/old"), what="DOI old", max_age=60)
    assert web.count() == 2


def test_the_contact_address_and_api_key_are_not_part_of_the_cache_key(
    web: FakeServices, tmp_path: Path
) -> None:
    web.add("/ncbi/efetch.fcgi", Reply(200, b"PMID- 7\n", content_type="text/plain"))
    for email in ("a@example.org", "b@example.org"):
        with HttpClient(email=email, api_key="k") as c:
            c.get(
                NCBI,
                url(web, "/ncbi/efetch.fcgi"),
                params={"id": "7"},
                private_params={"email": c.email, "api_key": c.api_key},
                what="PMID 7",
            )
    assert web.count() == 1
    assert web.requests()[0].query == {"id": "7", "email": "a@example.org", "api_key": "k"}


def test_private_parameters_join_a_url_that_has_a_query(
    web: FakeServices, client: HttpClient
) -> None:
    web.add("/ncbi/einfo.fcgi", Reply(200, b"ok", content_type="text/plain"))
    client.get(
        NCBI, url(web, "/ncbi/einfo.fcgi?db=pubmed"), private_params={"tool": "t"}, what="db"
    )
    assert web.requests()[0].query == {"db": "pubmed", "tool": "t"}


def test_errors_are_not_cached(web: FakeServices, client: HttpClient) -> None:
    web.add("/doi/10.5555/later", Reply(404, b""), Reply(200, b'{"title": "now"}'))
    with pytest.raises(NotFoundError):
        client.get(DOI, url(web, "/doi/10.5555/later"), what="DOI 10.5555/later")
    client.get(DOI, url(web, "/doi/10.5555/later"), what="DOI 10.5555/later")
    assert web.count() == 2
