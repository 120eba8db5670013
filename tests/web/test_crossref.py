"""Crossref works: retraction, correction and concern notices of a DOI."""

from __future__ import annotations

import json

import pytest

from sarcref.errors import DataError, NotFoundError
from sarcref.web import crossref
from sarcref.web.crossref import Notice
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply, fixture


def test_notices_of_a_retracted_work(web: FakeServices, client: HttpClient) -> None:
    web.add("/crossref/works/10.5555/sarc.2019.777", Reply(200, fixture("works_retracted.json")))
    work = crossref.fetch_work(client, "10.5555/sarc.2019.777")
    assert crossref.notices(work) == [
        # The publisher's notice and Retraction Watch's record of it: one notice, both named.
        Notice(
            "updated-by",
            "retraction",
            "Retraction",
            "10.5555/sarc.2021.retraction",
            "2021-03-04",
            "publisher, retraction-watch",
        ),
        Notice(
            "updated-by",
            "expression_of_concern",
            "Expression of Concern",
            "10.5555/sarc.2020.concern",
            "2020-07-01",
            "publisher",
        ),
    ]


def test_a_notice_names_what_it_updates() -> None:
    work = {
        "DOI": "10.5555/sarc.2021.retraction",
        "update-to": [
            {
                "DOI": "10.5555/sarc.2019.777",
                "type": "retraction",
                "label": "Retraction",
                "updated": {"date-time": "2021-03-04T10:00:00Z"},
            }
        ],
    }
    assert crossref.notices(work) == [
        Notice("update-to", "retraction", "Retraction", "10.5555/sarc.2019.777", "2021-03-04", None)
    ]


def test_a_clean_work_has_no_notices() -> None:
    assert crossref.notices(json.loads(fixture("works_clean.json"))["message"]) == []


def test_a_doi_crossref_does_not_know(web: FakeServices, client: HttpClient) -> None:
    web.add("/crossref/works/10.5555/datacite", Reply(404, b"Resource not found."))
    with pytest.raises(NotFoundError, match="Crossref does not know DOI 10.5555/datacite"):
        crossref.fetch_work(client, "10.5555/datacite")


def test_an_answer_without_a_message_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/crossref/works/10.5555/odd", Reply.json({"status": "ok"}))
    with pytest.raises(DataError, match="without a work 'message'"):
        crossref.fetch_work(client, "10.5555/odd")
    web.add("/crossref/works/10.5555/html", Reply(200, b"<html>", content_type="text/html"))
    with pytest.raises(DataError, match="Crossref answered something that is not JSON"):
        crossref.fetch_work(client, "10.5555/html")
