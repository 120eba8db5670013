"""Books by ISBN from Open Library."""

from __future__ import annotations

import pytest

from sarcref.errors import DataError, NotFoundError
from sarcref.web import openlibrary
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply, fixture


def test_a_book(web: FakeServices, client: HttpClient) -> None:
    web.add("/openlibrary/api/books", Reply(200, fixture("openlibrary_book.json")))
    csl = openlibrary.fetch(client, "9780306406157")
    assert csl == {
        "type": "book",
        "title": "Sarcoma surgery: principles and practice",
        "author": [{"family": "Okafor", "given": "Ada"}, {"literal": "World Sarcoma Association"}],
        "publisher": "Example Medical Press",
        "publisher-place": "New York",
        "issued": {"date-parts": [[1998, 6, 3]]},
        "number-of-pages": "412",
        "ISBN": "9780306406157",
    }
    assert web.requests()[0].query == {
        "bibkeys": "ISBN:9780306406157",
        "format": "json",
        "jscmd": "data",
    }


def test_an_unknown_isbn_is_not_found(web: FakeServices, client: HttpClient) -> None:
    web.add("/openlibrary/api/books", Reply.json({}))
    with pytest.raises(NotFoundError, match="Open Library has no book with ISBN 0306406152"):
        openlibrary.fetch(client, "0306406152")


def test_html_instead_of_json_is_bad_data(web: FakeServices, client: HttpClient) -> None:
    web.add("/openlibrary/api/books", Reply(200, b"<html>busy</html>", content_type="text/html"))
    with pytest.raises(DataError, match="Open Library answered something that is not JSON"):
        openlibrary.fetch(client, "0306406152")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("1997", {"date-parts": [[1997]]}),
        ("June 1997", {"date-parts": [[1997, 6]]}),
        ("Jan 01, 1997", {"date-parts": [[1997, 1, 1]]}),
        ("1997-06-01", {"date-parts": [[1997, 6, 1]]}),
        ("c1997", {"date-parts": [[1997]]}),
        ("[1997?]", {"date-parts": [[1997]]}),
        ("n.d.", {"literal": "n.d."}),
        ("", None),
    ],
)
def test_open_library_dates(text: str, date: dict[str, object] | None) -> None:
    assert openlibrary.parse_date(text) == date
