"""Duplicates across databases: the rules, their reasons, and what a merge keeps."""

from __future__ import annotations

from typing import Any

import pytest

from sarcref import Library, Record
from sarcref.duplicates import (
    DuplicateIndex,
    fingerprint,
    joined_sources,
    merge_records,
    normalised_title,
)
from sarcref.importing import Source


def rec(key: str, **csl: Any) -> Record:
    return Record(key=key, csl={"type": "article-journal", **csl})


PUBMED = rec(
    "pubmed",
    title="[Local control of metastatic sarcoma].",
    author=[{"family": "Lerman", "given": "DM"}, {"family": "Randall", "given": "R"}],
    issued={"date-parts": [[2014, 12, 10]]},
    PMID="25490690",
    **{"container-title": "Curr Opin Pediatr"},
)
SCOPUS = rec(
    "scopus",
    title="Local Control of Metastatic Sarcoma",
    author=[{"family": "Lerman", "given": "Daniel M."}, {"family": "Randall", "given": "R. Lor"}],
    issued={"date-parts": [[2015]]},
    DOI="10.1097/MOP.0000000000000172",
    abstract="PURPOSE OF REVIEW: Survival rates for children with metastatic sarcoma ...",
    **{"container-title": "Current Opinion in Pediatrics"},
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Tumour haemorrhage in paediatric oesophagus", "Tumor hemorrhage in pediatric esophagus"),
        (
            "Randomised trial of <i>in vivo</i> centre care.",
            "Randomized Trial of In Vivo Center Care",
        ),
        ("[Ein Titel auf Deutsch]", "Ein Titel auf Deutsch"),
        (r"G{\"o}del's {Theorem}", "Gödel's theorem"),
        ("Analysing behaviour", "analyzing behavior"),
    ],
)
def test_titles_are_compared_without_case_markup_brackets_or_spelling(one: str, other: str) -> None:
    assert normalised_title(one) == normalised_title(other)


def test_a_title_match_needs_a_close_year_and_the_same_author_or_journal() -> None:
    index = DuplicateIndex([fingerprint(PUBMED)])
    match = index.find(fingerprint(SCOPUS))
    assert match is not None
    assert (match.key, match.reason) == ("pubmed", "same title, years one apart and first author")
    three_years = rec(
        "x", title=SCOPUS.title, author=SCOPUS.csl["author"], issued={"date-parts": [[2018]]}
    )
    assert index.find(fingerprint(three_years)) is None
    other_author = rec(
        "y", title=SCOPUS.title, author=[{"family": "Smith"}], issued={"date-parts": [[2015]]}
    )
    assert index.find(fingerprint(other_author)) is None
    same_journal = rec(
        "z",
        title=SCOPUS.title,
        author=[{"family": "Smith"}],
        issued={"date-parts": [[2014]]},
        **{"container-title": "Curr Opin Pediatr"},
    )
    assert index.find(fingerprint(same_journal)).reason == "same title, same year and journal"  # type: ignore[union-attr]


def test_identifiers_match_and_differing_ones_keep_works_apart() -> None:
    index = DuplicateIndex([fingerprint(SCOPUS)])
    by_doi = rec("d", title="Something else", DOI="https://doi.org/10.1097/mop.0000000000000172")
    assert index.find(fingerprint(by_doi)).reason == "same DOI 10.1097/mop.0000000000000172"  # type: ignore[union-attr]
    second_edition = rec(
        "e",
        title=SCOPUS.title,
        author=SCOPUS.csl["author"],
        issued={"date-parts": [[2015]]},
        DOI="10.1097/other",
    )
    assert index.find(fingerprint(second_edition)) is None  # two DOIs: two works
    not_a_doi = rec("f", title="x", DOI="n/a")
    assert fingerprint(not_a_doi).ids == ()


def test_a_merge_keeps_both_identifiers_the_longer_abstract_and_the_fuller_names() -> None:
    merged = merge_records(PUBMED, SCOPUS)
    assert merged.key == "pubmed"
    assert (merged.csl["PMID"], merged.csl["DOI"]) == ("25490690", "10.1097/MOP.0000000000000172")
    assert merged.csl["abstract"].startswith("PURPOSE OF REVIEW")
    assert merged.csl["author"][0] == {"family": "Lerman", "given": "Daniel M."}
    assert merged.csl["title"] == PUBMED.csl["title"]  # the kept record's own fields win


def exports() -> list[Source]:
    medline_like = (
        '[{"id": "pm1", "type": "article-journal", "title": "[Local control of metastatic '
        'sarcoma].", "author": [{"family": "Lerman", "given": "DM"}], "PMID": "25490690",'
        ' "issued": {"date-parts": [[2014]]}, "container-title": "Curr Opin Pediatr",'
        ' "sarcref": {"source": {"database": "PubMed"}}}]'
    )
    scopus_like = (
        "TY  - JOUR\nAU  - Lerman, Daniel M.\nTI  - Local Control of Metastatic Sarcoma\n"
        "T2  - Current Opinion in Pediatrics\nPY  - 2015\nDO  - 10.1097/MOP.0000000000000172\n"
        "ER  - \n"
        "TY  - JOUR\nAU  - Lerman, Daniel M.\nTI  - Local Control of Metastatic Sarcoma\n"
        "T2  - Current Opinion in Pediatrics\nPY  - 2015\nDO  - 10.1097/MOP.0000000000000172\n"
        "ER  - \n"
    )
    return [Source("pubmed.json", medline_like), Source("scopus.ris", scopus_like)]


def test_duplicates_within_one_import_are_found_and_counted_per_file() -> None:
    with Library.in_memory() as library:
        report = library.import_sources(exports())
        assert [len(report.added), len(report.skipped)] == [1, 2]
        within = "duplicates within this import"
        assert report.flow() == [
            f"pubmed.json: 1 records; 0 already in the library, 0 {within}; 1 added",
            f"scopus.ris: 2 records; 0 already in the library, 2 {within}; 0 added",
        ]
        assert "a duplicate of 'pm1' (pubmed.json:1) in this import" in report.details()[0]
        (record,) = library.all()
        assert [s.get("database") for s in record.extra["sources"]][:1] == ["PubMed"]
        assert {s["file"] for s in record.extra["sources"]} == {"pubmed.json", "scopus.ris"}


def test_update_combines_duplicates_into_one_record() -> None:
    with Library.in_memory() as library:
        library.import_sources(exports(), on_duplicate="update")
        (record,) = library.all()
        assert (record.csl["PMID"], record.csl["DOI"]) == (
            "25490690",
            "10.1097/MOP.0000000000000172",
        )
        assert record.csl["author"][0]["given"] == "Daniel M."


def test_merge_leaves_aliases_that_still_cite() -> None:
    library = Library.in_memory()
    library.add(SCOPUS.to_json())
    library.add(PUBMED.to_json())
    assert library.duplicate_groups() == [
        [("scopus", ""), ("pubmed", "same title, years one apart and first author")]
    ]
    merged = library.merge("scopus", ["pubmed"])
    assert merged.csl["PMID"] == "25490690"
    assert "pubmed" not in library.keys()
    assert library.get("pubmed").key == "scopus"
    assert library.notices == ["'pubmed' was merged into 'scopus': it is 'scopus' now"]
    assert library.duplicate_groups() == []


def test_a_name_particle_written_in_or_apart_from_the_family_name_agrees() -> None:
    one = rec(
        "a",
        title="Stop feeding the hype",
        author=[{"family": "van Rooij", "given": "Iris"}],
        issued={"date-parts": [[2023]]},
    )
    other = rec(
        "b",
        title="Stop Feeding the Hype.",
        issued={"date-parts": [[2023]]},
        author=[{"family": "Rooij", "non-dropping-particle": "van", "given": "I."}],
    )
    match = DuplicateIndex([fingerprint(one)]).find(fingerprint(other))
    assert match is not None and match.reason == "same title, same year and first author"


def test_ten_thousand_records_of_one_title_are_compared_with_a_bounded_few() -> None:
    index = DuplicateIndex()
    for n in range(3000):  # untitled entries of one export: same title, no author or year
        print_ = fingerprint(rec(f"r{n}", title="Untitled"))
        assert index.find(print_) is None
        index.add(print_)
    assert len(index.by_work) == 0  # nothing to match a title on: no author, no journal


def test_sources_of_any_shape_are_joined_once_each() -> None:
    # A CSL-JSON file may carry sarcref fields written by hand: a list inside a source
    # must not stop a merge (it raised TypeError, exit 70).
    odd = {"file": ["notes.json"], "format": "csl-json"}
    first = Record("a", {"id": "a", "type": "book"}, extra={"sources": [odd, {"file": "a.bib"}]})
    second = Record("b", {"id": "b", "type": "book"}, extra={"sources": [{"file": "a.bib"}, 7]})
    assert joined_sources(first, second) == [odd, {"file": "a.bib"}]
    assert merge_records(first, second).extra["sources"] == [odd, {"file": "a.bib"}]
