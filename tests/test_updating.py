"""``sarcref update``: records fetched again, compared field by field, hand edits kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sarcref import Library
from sarcref.adding import add_identifiers
from sarcref.errors import DataError, NotFoundError, TemporaryFailure
from sarcref.records import Record
from sarcref.updating import FieldChange, apply_updates, update_records
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply

DOI = "10.5555/sarc.2020.1"


def item(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "article-journal",
        "title": ["Margins in sarcoma surgery"],
        "author": [{"family": "Okafor", "given": "Ada"}],
        "container-title": ["Journal of Sarcoma Research"],
        "volume": "3",
        "page": "1-9",
        "issued": {"date-parts": [[2020, 5]]},
        "DOI": DOI,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


@pytest.fixture
def added(web: FakeServices, client: HttpClient, tmp_path: Path) -> Library:
    """A library holding the record of DOI, as the service gave it the first time."""
    library = Library(tmp_path / "u.sqlite", seed=False)
    web.add(f"/doi/{DOI}", Reply.json(item()))
    assert add_identifiers(library, [DOI], client=client).added_keys == ["okafor2020margins"]
    return library


def serve_now(web: FakeServices, **changes: Any) -> None:
    web.add(f"/doi/{DOI}", Reply.json(item(**changes)))


def test_what_the_service_changed_is_shown_then_applied(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    serve_now(web, volume="4", issue="2")
    report = update_records(added, ["okafor2020margins"], client=client)
    (update,) = report.updates
    assert update.changes == [
        FieldChange("issue", "add", None, "2"),
        FieldChange("volume", "update", "3", "4"),
    ]
    assert report.lines() == [
        f"okafor2020margins (doi:{DOI}):",
        "  + issue: '2'",
        "  ~ volume: '3' -> '4'",
    ]
    assert report.messages() == ["1 to update; nothing was written (--apply writes it)"]
    assert added.get("okafor2020margins").csl["volume"] == "3"
    apply_updates(added, report)
    record = added.get("okafor2020margins")
    assert (record.csl["volume"], record.csl["issue"]) == ("4", "2")
    assert report.messages() == ["updated 1, unchanged 0"]


def test_update_asks_the_service_not_the_cache(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    before = web.count()
    serve_now(web, volume="4")
    with HttpClient(refresh=True) as fresh:
        update_records(added, ["okafor2020margins"], client=fresh)
    assert web.count() == before + 1


def test_a_field_edited_by_hand_is_kept_unless_forced(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    added.edit("okafor2020margins", ["title=Margins in Sarcoma Surgery"])
    serve_now(web, title=["Margins in sarcoma surgery (revised)"])
    report = update_records(added, ["okafor2020margins"], apply=True, client=client)
    (change,) = report.updates[0].changes
    assert change.action == "keep"
    assert change.line() == (
        "  = title: kept (edited to 'Margins in Sarcoma Surgery' by hand; the service says "
        "'Margins in sarcoma surgery (revised)'; --force takes it)"
    )
    assert added.get("okafor2020margins").title == "Margins in Sarcoma Surgery"
    # Still the user's the next time: the service's value is what the record remembers.
    again = update_records(added, ["okafor2020margins"], client=client)
    assert [c.action for c in again.updates[0].changes] == ["keep"]
    forced = update_records(added, ["okafor2020margins"], apply=True, force=True, client=client)
    assert [c.action for c in forced.updates[0].changes] == ["update"]
    assert added.get("okafor2020margins").title == "Margins in sarcoma surgery (revised)"


def test_a_field_removed_by_hand_stays_removed(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    added.edit("okafor2020margins", unset=["page"])
    serve_now(web)
    report = update_records(added, ["okafor2020margins"], apply=True, client=client)
    assert report.updates[0].changes == [FieldChange("page", "keep", None, "1-9")]
    assert "page" not in added.get("okafor2020margins").csl


def test_a_field_the_user_added_is_left_alone(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    added.edit("okafor2020margins", ["note=read twice"])
    serve_now(web)
    report = update_records(added, ["okafor2020margins"], apply=True, client=client)
    assert report.updates[0].changes == []
    assert report.lines() == [f"okafor2020margins: up to date with doi:{DOI}"]
    assert added.get("okafor2020margins").csl["note"] == "read twice"


def test_a_field_the_service_no_longer_gives_is_removed(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    serve_now(web, page=None)
    report = update_records(added, ["okafor2020margins"], apply=True, client=client)
    assert report.updates[0].changes == [FieldChange("page", "remove", "1-9", None)]
    assert "page" not in added.get("okafor2020margins").csl


def test_an_imported_record_only_gains_what_it_lacks(
    web: FakeServices, client: HttpClient, tmp_path: Path
) -> None:
    library = Library(tmp_path / "i.sqlite", seed=False)
    csl = {"id": "mine", "type": "article-journal", "title": "My title", "DOI": DOI, "page": "1"}
    imported_from = {"file": "mine.bib", "format": "bibtex"}
    library.add(Record("mine", csl, extra={"sources": [imported_from]}, tags=["to-read"]))
    serve_now(web)
    report = update_records(library, ["mine"], apply=True, client=client)
    actions = {c.field: c.action for c in report.updates[0].changes}
    assert actions == {
        "author": "add",
        "container-title": "add",
        "issued": "add",
        "page": "keep",
        "title": "keep",
        "volume": "add",
    }
    record = library.get("mine")
    assert (record.title, record.csl["volume"], record.tags) == ("My title", "3", ["to-read"])
    assert record.extra["fetched"]["by"] == f"doi:{DOI}"
    # The served item names no agency (no "source"), so the database is doi.org itself.
    fetched_from = {"identifier": f"doi:{DOI}", "database": "doi.org", "format": "csl-json"}
    assert record.extra["sources"] == [imported_from, fetched_from]


def test_records_without_an_identifier_fail_alone(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    added.add(Record("bare", {"id": "bare", "type": "book", "title": "No identifiers"}))
    serve_now(web)
    report = update_records(added, ["bare", "okafor2020margins"], client=client)
    (failure,) = report.failures
    assert failure.key == "bare"
    assert str(failure) == "bare: no DOI, PMID, PMCID, arXiv id or ISBN to fetch it by"
    assert report.exit_code == 1
    assert [u.key for u in report.updates] == ["okafor2020margins"]


def test_unknown_keys_stop_before_any_request(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    before = web.count()
    with pytest.raises(NotFoundError, match="'nope'"):
        update_records(added, ["okafor2020margins", "nope"], client=client)
    assert web.count() == before


def test_offline_nothing_is_written(web: FakeServices, client: HttpClient, added: Library) -> None:
    web.stop()
    with HttpClient(refresh=True) as fresh:
        with pytest.raises(TemporaryFailure):
            update_records(added, ["okafor2020margins"], apply=True, client=fresh)
    assert added.get("okafor2020margins").csl["volume"] == "3"


def test_a_record_edited_meanwhile_is_not_overwritten(
    web: FakeServices, client: HttpClient, added: Library
) -> None:
    serve_now(web, volume="4")
    report = update_records(added, ["okafor2020margins"], client=client)
    added.edit("okafor2020margins", ["note=edited meanwhile"])
    with pytest.raises(DataError, match="changed while it was being updated"):
        apply_updates(added, report)
    record = added.get("okafor2020margins")
    assert (record.csl["volume"], record.csl["note"]) == ("3", "edited meanwhile")


def test_the_json_report(web: FakeServices, client: HttpClient, added: Library) -> None:
    serve_now(web, volume="4")
    report = update_records(added, ["okafor2020margins"], client=client)
    assert json.loads(json.dumps(report.to_json())) == {
        "applied": False,
        "records": [
            {
                "key": "okafor2020margins",
                "identifier": f"doi:{DOI}",
                "changes": [{"field": "volume", "action": "update", "old": "3", "new": "4"}],
            }
        ],
        "failures": [],
    }


def test_as_the_command_calls_it(web: FakeServices, added: Library) -> None:
    """``sarcref update okafor2020margins --apply``: the client made from the environment,
    asking the service again although the cache holds the first answer."""
    before = web.count()
    serve_now(web, volume="4")
    report = update_records(added, ["okafor2020margins"], apply=True, force=False)
    assert report.exit_code == 0
    assert report.messages() == ["updated 1, unchanged 0"]
    assert web.count() == before + 1
    assert added.get("okafor2020margins").csl["volume"] == "4"
