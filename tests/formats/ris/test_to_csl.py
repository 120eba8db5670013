"""RIS tags to CSL variables, per type, as Zotero's RIS translator reads them."""

from __future__ import annotations

from typing import Any

import pytest

from sarcref.formats import read_records, read_source
from sarcref.formats.ris.dates import parse_date
from sarcref.formats.ris.names import parse_name
from sarcref.records import Record

RIS = """\
TY  - JOUR
ID  - lerman2015local
AU  - Lerman, Daniel M.
A1  - Randall, R. Lor
TI  - Local control of metastatic sarcoma
T2  - Current Opinion in Pediatrics
JA  - Curr Opin Pediatr
PY  - 2015///
DA  - 2015/01/01/
SP  - 3
EP  - 8
VL  - 27
IS  - 1
DO  - 10.1097/MOP.0000000000000165
UR  - https://example.org/one
UR  - https://example.org/two
KW  - sarcoma
KW  - metastasis
AB  - Survival rates for children with metastatic sarcoma
  have remained dismal.
SN  - 1040-8703
PB  - Wolters Kluwer
N1  - Export Date: 15 October 2020
C1  - a custom field
ER  -
"""


def one(text: str) -> Record:
    (record,) = read_records(text, "ris")
    return record


def ris(ty: str, *lines: str) -> str:
    return "\n".join([f"TY  - {ty}", *lines, "ER  - ", ""])


def test_ris_maps_to_csl_and_keeps_the_rest() -> None:
    record = one(RIS)
    assert record.csl == {
        "id": "lerman2015local",
        "type": "article-journal",
        "title": "Local control of metastatic sarcoma",
        "container-title": "Current Opinion in Pediatrics",
        "container-title-short": "Curr Opin Pediatr",
        "volume": "27",
        "issue": "1",
        "publisher": "Wolters Kluwer",
        "DOI": "10.1097/MOP.0000000000000165",
        # The first line is short: the break is kept (a hard-wrapped file has no long line).
        "abstract": "Survival rates for children with metastatic sarcoma\nhave remained dismal.",
        "author": [
            {"family": "Lerman", "given": "Daniel M."},
            {"family": "Randall", "given": "R. Lor"},
        ],
        "ISSN": "1040-8703",
        "keyword": "sarcoma, metastasis",
        "URL": "https://example.org/one",
        "page": "3-8",
        "issued": {"date-parts": [[2015, 1, 1]]},
        # Zotero imports N1 as a note on the item: a reader's note, not a CSL note.
        "annote": "Export Date: 15 October 2020",
    }
    assert record.extra == {
        "ris": {
            "type": "JOUR",
            "tags": {"UR": ["https://example.org/two"], "C1": ["a custom field"]},
        }
    }


def test_authors_keep_the_order_of_the_file_across_au_and_a1() -> None:
    record = one(ris("JOUR", "A1  - First, A", "AU  - Second, B", "A1  - Third, C"))
    assert [n["family"] for n in record.csl["author"]] == ["First", "Second", "Third"]


@pytest.mark.parametrize(
    ("ty", "tag", "variable"),
    [
        ("JOUR", "A2", "editor"),
        ("CHAP", "A2", "editor"),
        ("CHAP", "A3", "collection-editor"),
        ("BOOK", "A2", "collection-editor"),
        ("BOOK", "A3", "editor"),
        ("RPRT", "A2", "collection-editor"),
        ("PCOMM", "A2", "recipient"),
        ("ICOMM", "A2", "recipient"),
        ("THES", "A3", "contributor"),
        ("MPCT", "AU", "director"),
        ("MPCT", "A3", "producer"),
        ("SOUND", "AU", "composer"),
        ("SOUND", "A2", "author"),  # the performer, Zotero's main creator of a recording
        ("CONF", "A4", "contributor"),
        ("BOOK", "A4", "translator"),
        ("CHAP", "C2", "container-author"),
        ("EDBOOK", "AU", "editor"),
        ("JOUR", "ED", "editor"),
    ],
)
def test_name_tags_take_the_role_zotero_gives_them_per_type(
    ty: str, tag: str, variable: str
) -> None:
    record = one(ris(ty, "TI  - T", f"{tag}  - Doe, Jane"))
    names = {k: v for k, v in record.csl.items() if isinstance(v, list)}
    assert names == {variable: [{"family": "Doe", "given": "Jane"}]}


@pytest.mark.parametrize(
    ("ty", "tag", "variable"),
    [
        ("JOUR", "T2", "container-title"),
        ("CHAP", "T2", "container-title"),
        ("CONF", "T2", "event-title"),
        ("CONF", "C3", "container-title"),
        ("BOOK", "T2", "collection-title"),
        ("BOOK", "T3", "collection-title"),
        ("RPRT", "T2", "collection-title"),
        ("CHAP", "T3", "collection-title"),
        ("HEAR", "T2", "section"),
        ("BILL", "T3", "authority"),
        ("JOUR", "JF", "container-title"),
        ("BOOK", "M1", "collection-number"),
        ("CHAP", "SV", "collection-number"),
        ("PAT", "SN", "number"),
        ("PAT", "M1", "call-number"),
        ("RPRT", "SN", "number"),
        ("BOOK", "SN", "ISBN"),
        ("MGZN", "SN", "ISSN"),
        ("THES", "M3", "genre"),
        ("RPRT", "M3", "genre"),
        ("THES", "PB", "publisher"),
        ("CASE", "PB", "authority"),
        ("NEWS", "SE", "section"),
        ("COMP", "ET", "version"),
        ("DATA", "ET", "version"),
        ("BOOK", "SP", "number-of-pages"),
        ("CHAP", "IS", "number-of-volumes"),
        ("JOUR", "C7", "number"),
        ("JOUR", "M2", "note"),
        ("JOUR", "RN", "annote"),
        ("JOUR", "DB", "archive"),
        ("JOUR", "AN", "archive_location"),
        ("JOUR", "DP", "source"),
        ("JOUR", "CR", "license"),
    ],
)
def test_text_tags_fill_the_variable_zotero_gives_them_per_type(
    ty: str, tag: str, variable: str
) -> None:
    record = one(ris(ty, "ID  - k", f"{tag}  - V 1"))
    assert {k: v for k, v in record.csl.items() if k not in ("id", "type")} == {variable: "V 1"}


def test_types_follow_zotero_or_the_csl_type_the_ris_type_names() -> None:
    types = {ty: one(ris(ty, "TI  - T")).type for ty in ("JOUR", "EJOUR", "CHAP", "CPAPER")}
    types |= {ty: one(ris(ty, "TI  - T")).type for ty in ("GEN", "STAND", "JFULL", "LEGAL")}
    assert types == {
        "JOUR": "article-journal",
        "EJOUR": "article-journal",
        "CHAP": "chapter",
        "CPAPER": "paper-conference",
        "GEN": "document",
        "STAND": "standard",
        "JFULL": "periodical",
        "LEGAL": "regulation",
    }


def test_an_unknown_or_missing_type_is_a_journal_article_with_a_warning() -> None:
    result = read_source(
        "TY  - FOO\nTI  - A\nER  - \nTI  - B\nER  - \nPT  - J\nTI  - C\nER  - ", "ris"
    )
    assert [r.record.type for r in result.records] == ["article-journal"] * 3
    assert [str(w) for w in result.warnings] == [
        "<text>:1: entry: unknown RIS type 'FOO': read as a journal article",
        "<text>:4: entry: no TY line: read as a journal article (JOUR)",
    ]


def test_an_ebsco_translated_title_in_t2_does_not_displace_the_journal() -> None:
    record = one(
        ris(
            "JOUR",
            "T1  - Effects of exercise on sleep",
            "T2  - Auswirkungen von Sport auf den Schlaf",
            "JO  - Pflege",
            "DP  - EBSCOhost",
        )
    )
    assert record.csl["container-title"] == "Pflege"
    assert record.extra["ris"]["tags"]["T2"] == ["Auswirkungen von Sport auf den Schlaf"]


def test_the_full_journal_name_jf_comes_before_t2_and_jo_is_its_abbreviation() -> None:
    record = one(
        ris("JOUR", "T2  - Other title", "JO  - Nat. Commun.", "JF  - Nature Communications")
    )
    assert (record.csl["container-title"], record.csl["container-title-short"]) == (
        "Nature Communications",
        "Nat. Commun.",
    )


def test_m1_of_a_journal_article_is_its_issue_only_when_it_looks_like_one() -> None:
    assert one(ris("JOUR", "M1  - 4")).csl["issue"] == "4"
    record = one(ris("JOUR", "IS  - 2", "M1  - Journal Article"))
    assert record.csl["issue"] == "2"
    assert record.extra["ris"]["tags"]["M1"] == ["Journal Article"]


@pytest.mark.parametrize(
    "lines",
    [
        ["DO  - 10.1097/MOP.0000000000000165"],
        ["DO  - https://dx.doi.org/10.1097/MOP.0000000000000165"],  # Ovid
        ["L3  - 10.1097/MOP.0000000000000165"],  # EBSCO
        ["UR  - https://example.org", "UR  - https://doi.org/10.1097/MOP.0000000000000165"],
        ["UR  - http://dx.doi.org/10.1097%2FMOP.0000000000000165"],
        ["M3  - 10.1097/MOP.0000000000000165"],  # EndNote
    ],
)
def test_the_doi_is_found_where_exporters_put_it_and_stored_bare(lines: list[str]) -> None:
    assert one(ris("JOUR", *lines)).csl["DOI"] == "10.1097/MOP.0000000000000165"


@pytest.mark.parametrize(
    "lines",
    [["C2  - 38580657"], ["C3  - PUBMED 38580657"], ["UR  - PM:38580657"]],
)
def test_the_pubmed_id_is_found_where_exporters_put_it(lines: list[str]) -> None:
    assert one(ris("JOUR", *lines)).csl["PMID"] == "38580657"


def test_an_id_of_digits_is_kept_as_a_field() -> None:
    record = one(ris("JOUR", "ID  - 889", "TI  - T"))
    assert record.extra["ris"]["tags"]["ID"] == ["889"]
    assert "ID" not in one(ris("JOUR", "ID  - smith2020", "TI  - T")).extra["ris"].get("tags", {})


def test_each_record_has_its_line_and_title_for_reports() -> None:
    result = read_source(
        "\n\nTY  - JOUR\nTI  - One\nER  - \n\nTY  - BOOK\nT1  - Two\nER  - \n", "ris"
    )
    assert [(r.line, r.record.key, r.record.title) for r in result.records] == [
        (3, "", "One"),
        (7, "", "Two"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lerman, Daniel M.", {"family": "Lerman", "given": "Daniel M."}),
        ("King, Martin Luther, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        (
            "van der Berg, Jan",
            {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        ),
        ("Beethoven, Ludwig van", {"family": "Beethoven", "given": "Ludwig van"}),
        ("Cook, Stephen a.", {"family": "Cook", "given": "Stephen a."}),
        ("Plato,", {"family": "Plato"}),
        ("Brownstein C D", {"family": "Brownstein", "given": "C D"}),  # EPPI-Reviewer
        ("Dos Santos H. B.", {"family": "Dos Santos", "given": "H. B."}),
        ("Smith JA", {"family": "Smith", "given": "JA"}),
        ("World Health Organization", {"literal": "World Health Organization"}),
        ("Cancer Research UK", {"literal": "Cancer Research UK"}),
        ("Achenbach, T., Rescorla, L., Bischof, N.L.", None),  # a list (Ovid's A2)
    ],
)
def test_names(text: str, name: dict[str, str] | None) -> None:
    assert parse_name(text) == name


def test_a_list_where_a_name_should_be_is_kept_with_a_warning() -> None:
    result = read_source(ris("JOUR", "TI  - T", "A2  - Achenbach, T., Rescorla, L., Bischof, N."))
    assert "editor" not in result.records[0].record.csl
    assert [w.reason for w in result.warnings] == [
        "A2 'Achenbach, T., Rescorla, L., Bischof, N.' is not one name: kept in the RIS fields"
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2015", {"date-parts": [[2015]]}),
        ("2015///", {"date-parts": [[2015]]}),
        ("1989//", {"date-parts": [[1989]]}),
        ("2015/01/15/", {"date-parts": [[2015, 1, 15]]}),
        ("1990/2/27", {"date-parts": [[1990, 2, 27]]}),
        ("2015/00/00", {"date-parts": [[2015]]}),
        ("2015/01/15/Spring", {"date-parts": [[2015, 1, 15]], "season": 1}),
        ("2015-01-15", {"date-parts": [[2015, 1, 15]]}),
        ("Jan 2015", {"date-parts": [[2015, 1]]}),
        ("15 January 2015", {"date-parts": [[2015, 1, 15]]}),
        ("Jan 15, 2015", {"date-parts": [[2015, 1, 15]]}),
        ("2015 Jan 15", {"date-parts": [[2015, 1, 15]]}),
        ("2015/2016", {"date-parts": [[2015], [2016]]}),
        ("2015-2016", {"date-parts": [[2015], [2016]]}),
        ("2015-01-15/2015-01-20", {"date-parts": [[2015, 1, 15], [2015, 1, 20]]}),
        ("Jan-Feb 2015", {"date-parts": [[2015, 1], [2015, 2]]}),
        ("in press", None),
    ],
)
def test_dates_in_every_form_exporters_write(text: str, date: dict[str, Any] | None) -> None:
    assert parse_date(text)[0] == date


def test_a_date_without_a_year_takes_it_from_py() -> None:
    record = one(ris("JOUR", "DA  - SEP 22", "PY  - 2010"))  # Web of Science
    assert record.csl["issued"] == {"date-parts": [[2010, 9, 22]]}
    assert "tags" not in record.extra["ris"]


def test_da_wins_over_py_and_a_different_py_is_kept() -> None:
    record = one(ris("JOUR", "PY  - 2016", "DA  - 2015/06/01/"))
    assert record.csl["issued"] == {"date-parts": [[2015, 6, 1]]}
    assert record.extra["ris"]["tags"] == {"PY": ["2016"]}
    unparsed = one(ris("JOUR", "DA  - in press", "PY  - 2016"))
    assert unparsed.csl["issued"] == {"literal": "in press"}


def test_eppi_reviewer_labels_in_st_are_not_short_titles() -> None:
    record = one(
        ris("JOUR", "A1  - Brownstein C D", "T1  - A juvenile bird", "ST  - Brownstein (2024)")
    )
    assert "title-short" not in record.csl
    assert record.extra["ris"]["tags"]["ST"] == ["Brownstein (2024)"]
