"""``sarcref check``: missing fields, bad DOIs, raw LaTeX, duplicates; retractions online."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from sarcref import Library
from sarcref.checking import Issue, check_library, check_records, same_identifier
from sarcref.errors import NotFoundError, TemporaryFailure, UsageError
from sarcref.records import Record
from sarcref.web.http import HttpClient
from tests.web.server import FakeServices, Reply, fixture


def record(key: str, **csl: Any) -> Record:
    base: dict[str, Any] = {
        "type": "article-journal",
        "title": "Margins in sarcoma surgery",
        "author": [{"family": "Okafor", "given": "Ada"}],
        "container-title": "Journal of Sarcoma Research",
        "volume": "3",
        "page": "1-9",
        "issued": {"date-parts": [[2020]]},
    }
    base.update(csl)
    return Record(key, {"id": key, **{k: v for k, v in base.items() if v is not None}})


def codes(records: Sequence[Record], **options: Any) -> list[tuple[str, str]]:
    # The records here share a title, a year and an author on purpose: they are duplicates,
    # which only the duplicate tests look at.
    options.setdefault("duplicate_rules", ())
    return [(i.key, i.code) for i in check_records(records, **options).issues]


def test_a_complete_record_is_clean() -> None:
    report = check_records([record("ok", DOI="10.5555/ok")])
    assert report.issues == []
    assert report.exit_code == 0
    assert report.summary() == "checked 1 records against apa: no issues"
    assert report.output() == ""


def test_what_the_style_prints_and_the_record_lacks() -> None:
    records = [
        record("noauthor", author=None),
        record("notitle", title=None),
        record("noyear", issued=None),
        record("nojournal", **{"container-title": None}),
        record("nolocator", volume=None, page=None),
        record("editorsonly", author=None, editor=[{"family": "Berg", "given": "Maria"}]),
        record("articlenumber", volume=None, page=None, number="e123"),
        record("law", type="legislation", author=None, **{"container-title": None}),
        record("undated", issued={"literal": "in press"}),
    ]
    assert codes(records) == [
        ("noauthor", "missing-author"),
        ("notitle", "missing-title"),
        ("noyear", "missing-year"),
        ("nojournal", "missing-container"),
        ("nolocator", "missing-locator"),
    ]
    messages = [i.message for i in check_records(records, duplicate_rules=()).issues]
    assert messages == [
        "no author or editor",
        "no title",
        "no year (issued)",
        "no journal title (container-title)",
        "no volume, pages, article number or identifier (DOI, PMID, URL)",
    ]


def test_the_checks_follow_the_variables_the_style_uses(tmp_path: Path) -> None:
    style = tmp_path / "titles-only.csl"
    style.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">\n'
        "  <info><title>Titles only</title><id>titles-only</id></info>\n"
        '  <macro name="when"><date variable="issued" form="numeric"/></macro>\n'
        '  <citation><layout><text variable="title"/></layout></citation>\n'
        '  <bibliography><layout><text variable="title"/><text macro="when"/></layout>'
        "</bibliography>\n</style>\n",
        encoding="utf-8",
    )
    bare = record("bare", author=None, volume=None, page=None, **{"container-title": None})
    assert codes([bare], style=str(style)) == []
    assert codes([record("noyear", issued=None)], style=str(style)) == [("noyear", "missing-year")]


@pytest.mark.parametrize(
    ("doi", "message"),
    [
        (
            "https://doi.org/10.5555/a",
            "the DOI field holds 'https://doi.org/10.5555/a'; store the bare DOI '10.5555/a' "
            "(styles add https://doi.org/ themselves)",
        ),
        (
            "doi:10.5555/a",
            "the DOI field holds 'doi:10.5555/a'; store the bare DOI '10.5555/a' "
            "(styles add https://doi.org/ themselves)",
        ),
        ("10.5555", "not a DOI: '10.5555'"),
        ("10.5555/a 10.5555/b", "not a DOI: '10.5555/a 10.5555/b'"),
        ("10.5555/abc.", "the DOI '10.5555/abc.' ends oddly"),
    ],
)
def test_malformed_dois(doi: str, message: str) -> None:
    (issue,) = check_records([record("r", DOI=doi)]).issues
    assert (issue.code, issue.field, issue.message) == ("malformed-doi", "DOI", message)


@pytest.mark.parametrize(
    ("csl", "found"),
    [
        ({"title": r"The \emph{TP53} gene"}, r"raw LaTeX '\emph{' in title"),
        ({"author": [{"family": r"M{\"u}ller", "given": "Jo"}]}, r"""raw LaTeX '{\"' in author"""),
        ({"title": r"Growth of $\alpha$ cells"}, r"raw LaTeX '$\alpha$' in title"),
        ({"container-title": r"Research \& Practice"}, r"raw LaTeX '\&' in container-title"),
        ({"title": r"Caf\'e society"}, r"raw LaTeX '\'e' in title"),
    ],
)
def test_raw_latex_in_a_printed_field(csl: dict[str, Any], found: str) -> None:
    (issue,) = check_records([record("r", **csl)]).issues
    assert issue.code == "raw-latex"
    assert issue.message == found


def test_latex_where_the_style_prints_nothing_or_in_links_is_not_reported() -> None:
    clean = record(
        "r",
        abstract="We model $x$ with \\emph{care}.",  # APA prints no abstract
        URL="https://example.org/a$b",
        title="Costs of US$ 5 and more",
    )
    assert check_records([clean]).issues == []


def test_duplicates_by_doi_or_pmid() -> None:
    records = [
        record("a", DOI="10.5555/Same"),
        record("b", DOI="https://doi.org/10.5555/same"),
        record("c", PMID="25490690"),
        record("d", PMID="025490690"),
        record("e", DOI="10.5555/other"),
    ]
    issues = [
        i
        for i in check_records(records, duplicate_rules=(same_identifier,)).issues
        if i.code == "duplicate"
    ]
    assert [(i.key, i.message) for i in issues] == [
        ("a", "same DOI 10.5555/same as 'b'"),
        ("b", "same DOI 10.5555/same as 'a'"),
        ("c", "same PMID 25490690 as 'd'"),
        ("d", "same PMID 25490690 as 'c'"),
    ]


def test_duplicate_rules_are_pluggable() -> None:
    def same_title(records: Sequence[Record]) -> list[Issue]:
        seen: dict[str, str] = {}
        issues = []
        for r in records:
            if r.title in seen:
                issues.append(Issue(r.key, "duplicate", f"same title as '{seen[r.title]}'"))
            seen.setdefault(r.title, r.key)
        return issues

    records = [record("a"), record("b")]
    assert codes(records, duplicate_rules=()) == []
    assert codes(records, duplicate_rules=(same_identifier, same_title)) == [("b", "duplicate")]


def test_by_default_duplicates_are_found_as_import_finds_them() -> None:
    records = [
        record("a", DOI="10.5555/one"),
        record("b", title="Margins in Sarcoma Surgery.", issued={"date-parts": [[2021]]}),
        record("c", title="Something else entirely"),
    ]
    issues = [i for i in check_records(records).issues if i.code == "duplicate"]
    assert [(i.key, i.message) for i in issues] == [
        ("b", "a duplicate of 'a' (same title, years one apart and first author)")
    ]


def test_an_unknown_style_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown style 'apaa'"):
        check_records([record("r")], style="apaa")


def test_the_library_or_some_keys(library: Library) -> None:
    library.add(record("noyear", issued=None))
    report = check_library(library)
    assert report.checked == 2  # with the bundled record
    assert [(i.key, i.code) for i in report.issues] == [("noyear", "missing-year")]
    assert check_library(library, ["lerman2015local"]).exit_code == 0
    with pytest.raises(NotFoundError, match="'nope'"):
        check_library(library, ["lerman2015local", "nope"])


def test_the_table_and_json_output() -> None:
    report = check_records([record("noyear", issued=None)], style="vancouver")
    assert report.output() == "noyear\tmissing-year\tno year (issued)\n"
    assert report.summary() == "checked 1 records against vancouver: 1 issue in 1 record"
    assert json.loads(report.output("json")) == {
        "style": "vancouver",
        "online": False,
        "checked": 1,
        "issues": [
            {
                "key": "noyear",
                "code": "missing-year",
                "field": "issued",
                "message": "no year (issued)",
            }
        ],
        "notes": [],
    }


# -- online ----------------------------------------------------------------------------------


def serve_works(web: FakeServices) -> None:
    web.add("/crossref/works/10.5555/sarc.2019.777", Reply(200, fixture("works_retracted.json")))
    web.add("/crossref/works/10.5555/sarc.2018.042", Reply(200, fixture("works_corrected.json")))
    web.add("/crossref/works/10.5555/sarc.2015.001", Reply(200, fixture("works_clean.json")))
    web.add("/crossref/works/10.5555/datacite.1", Reply(404, b"Resource not found."))
    web.add(
        "/crossref/works/10.5555/sarc.2021.retraction",
        Reply.json(
            {
                "message": {
                    "update-to": [
                        {
                            "DOI": "10.5555/sarc.2019.777",
                            "type": "retraction",
                            "label": "Retraction",
                            "updated": {"date-parts": [[2021, 3, 4]]},
                        }
                    ]
                }
            }
        ),
    )


def test_retractions_corrections_and_concerns_are_reported(
    web: FakeServices, client: HttpClient
) -> None:
    serve_works(web)
    records = [
        record("herb", DOI="10.5555/sarc.2019.777"),
        record("imaging", DOI="10.5555/sarc.2018.042"),
        record("clean", DOI="10.5555/sarc.2015.001"),
        record("notice", DOI="10.5555/sarc.2021.retraction"),
        record("elsewhere", DOI="10.5555/datacite.1"),
        record("nodoi"),
    ]
    report = check_records(records, online=True, client=client, duplicate_rules=())
    assert [(i.key, i.code, i.message) for i in report.issues] == [
        (
            "herb",
            "retracted",
            "retraction by DOI 10.5555/sarc.2021.retraction on 2021-03-04 "
            "(source: publisher, retraction-watch)",
        ),
        (
            "herb",
            "expression-of-concern",
            "expression of concern by DOI 10.5555/sarc.2020.concern on 2020-07-01 "
            "(source: publisher)",
        ),
        (
            "imaging",
            "corrected",
            "correction by DOI 10.5555/sarc.2019.erratum on 2019-02-14 (source: publisher)",
        ),
        (
            "notice",
            "is-update-notice",
            "this is itself a retraction notice of DOI 10.5555/sarc.2019.777 on 2021-03-04",
        ),
    ]
    assert report.notes == [
        "elsewhere: Crossref does not know DOI 10.5555/datacite.1; not checked for notices"
    ]
    assert report.exit_code == 1
    details = report.issues[0].to_json()["details"]
    assert details == {
        "relation": "updated-by",
        "type": "retraction",
        "label": "Retraction",
        "doi": "10.5555/sarc.2021.retraction",
        "date": "2021-03-04",
        "source": "publisher, retraction-watch",
    }
    assert web.count("/crossref") == 5


def test_a_work_retracted_in_place(web: FakeServices, client: HttpClient) -> None:
    doi = "10.5555/in.place"
    notice = {"DOI": doi, "type": "retraction", "label": "Retraction"}
    web.add("/crossref/works/10.5555/in.place", Reply.json({"message": {"update-to": [notice]}}))
    (issue,) = check_records([record("r", DOI=doi)], online=True, client=client).issues
    assert (issue.code, issue.message) == ("retracted", "retraction (in place)")


def test_offline_the_online_check_is_a_temporary_failure(
    web: FakeServices, client: HttpClient
) -> None:
    web.stop()
    with pytest.raises(TemporaryFailure, match="Crossref"):
        check_records([record("r", DOI="10.5555/sarc.2019.777")], online=True, client=client)


def test_one_doi_is_asked_once(web: FakeServices, client: HttpClient) -> None:
    serve_works(web)
    records = [record("a", DOI="10.5555/sarc.2015.001"), record("b", DOI="10.5555/SARC.2015.001")]
    check_records(records, online=True, client=client)
    assert web.count("/crossref") == 1


def test_as_the_command_calls_it(web: FakeServices, library: Library) -> None:
    """``sarcref check --online --format json``: the client made from the environment."""
    serve_works(web)
    library.add(record("herb", DOI="10.5555/sarc.2019.777"))
    report = check_library(library, None, style="apa", online=True)
    data = json.loads(report.output("json"))
    assert [i["code"] for i in data["issues"]] == ["retracted", "expression-of-concern"]
    assert report.exit_code == 1
