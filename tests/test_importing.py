"""The import pipeline: duplicates, keys, all-or-nothing, dry runs."""

from __future__ import annotations

import pytest

from sarcref import DataError, Library, Record
from sarcref.importing import Source

SMITH = """
@article{smith2020, author = {Smith, Ann}, title = {Sharks of the deep}, year = 2020,
         doi = {10.1000/SHARKS}, journal = {Ocean}}
"""


def bib(text: str, name: str = "refs.bib") -> list[Source]:
    return [Source(name, text)]


def test_the_files_key_is_kept_when_it_is_free(library: Library) -> None:
    report = library.import_sources(bib(SMITH))
    assert [i.record.key for i in report.added] == ["smith2020"]
    assert report.summary() == "added 1, updated 0, skipped 0, renamed 0"
    assert library.get("smith2020").title == "Sharks of the deep"


def test_a_key_taken_by_another_work_is_renamed(library: Library) -> None:
    text = "@book{lerman2015local, author = {Roe, Ann}, title = {On whales}, year = 2019}"
    report = library.import_sources(bib(text))
    assert report.details() == [
        "renamed 'lerman2015local' (refs.bib:1) to 'roe2019whales': "
        "the key belongs to another record of the library"
    ]
    assert library.get("roe2019whales").title == "On whales"
    assert library.get("lerman2015local").title == "Local control of metastatic sarcoma"


def test_two_entries_with_one_key_are_two_works(library: Library) -> None:
    text = (
        "@book{dup, author = {Roe, Ann}, title = {First}, year = 2001}\n"
        "@book{dup, author = {Roe, Ann}, title = {Second}, year = 2002}\n"
    )
    report = library.import_sources(bib(text))
    assert report.summary() == "added 2, updated 0, skipped 0, renamed 1"
    assert report.details() == [
        "renamed 'dup' (refs.bib:2) to 'roe2002second': an earlier entry of this import has the "
        "same key"
    ]


def test_duplicates_are_skipped_by_default_and_named_with_the_reason(library: Library) -> None:
    library.import_sources(bib(SMITH))
    again = SMITH.replace("smith2020", "other").replace(
        "10.1000/SHARKS", "https://doi.org/10.1000/sharks"
    )
    same_work = (
        "@book{x, author = {Lerman, D.}, title = {LOCAL control of metastatic sarcoma!}, "
        "year = 2015}"
    )
    report = library.import_sources(bib(again + same_work))
    assert report.details() == [
        "skipped 'other' (refs.bib:2): already in the library as 'smith2020' "
        "(same DOI 10.1000/sharks)",
        "skipped 'x' (refs.bib:4): already in the library as 'lerman2015local' "
        "(same title, same year and first author)",
    ]
    assert report.summary() == "added 0, updated 0, skipped 2, renamed 0"
    assert len(library) == 2


def test_update_replaces_the_data_but_keeps_key_tags_and_added(library: Library) -> None:
    library.import_sources(bib(SMITH))
    library.tag("smith2020", ["+fish"])
    before = library.get("smith2020")
    newer = SMITH.replace("smith2020", "s20").replace("Ocean}", "Ocean Letters}")
    report = library.import_sources(bib(newer), on_duplicate="update")
    assert report.summary() == "added 0, updated 1, skipped 0, renamed 0"
    after = library.get("smith2020")
    assert after.container_title == "Ocean Letters"
    assert (after.tags, after.added) == (["fish"], before.added)
    assert "s20" not in library


def test_keep_both_adds_the_duplicate_under_its_own_key(library: Library) -> None:
    library.import_sources(bib(SMITH))
    report = library.import_sources(bib(SMITH), on_duplicate="keep-both")
    assert [r.new_key for r in report.renamed] == ["smith2020sharks"]
    assert len(library) == 3


def test_a_malformed_entry_imports_nothing(library: Library) -> None:
    text = SMITH + "\n@book{broken, title = {No end"
    with pytest.raises(DataError) as caught:
        library.import_sources(bib(text))
    assert caught.value.message == (
        "refs.bib:5: entry 'broken': the entry is not closed before the end of the file "
        "(truncated?); nothing was imported"
    )
    assert "--skip-invalid" in (caught.value.hint or "")
    assert library.keys() == ["lerman2015local"]


def test_skip_invalid_imports_the_rest_and_lists_what_it_left_out(library: Library) -> None:
    text = '[{"id": "ok", "type": "book", "title": "Fine"}, {"id": "bad", "type": "novel"}]'
    report = library.import_sources([Source("in.json", text)], skip_invalid=True)
    assert report.details() == [
        "skipped invalid entry: in.json:1: entry 'bad': field 'type': 'novel' is not a CSL "
        "item type"
    ]
    assert report.summary() == "added 1, updated 0, skipped 0, renamed 0, invalid 1"
    assert "ok" in library


def test_a_dry_run_reports_and_writes_nothing(library: Library) -> None:
    report = library.import_sources(bib(SMITH), dry_run=True)
    assert report.summary() == (
        "dry run: would add 1, update 0, skip 0, rename 0; the library was not changed"
    )
    assert library.keys() == ["lerman2015local"]


def test_search_index_and_tags_follow_an_import(library: Library) -> None:
    library.import_sources(bib(SMITH))
    hits = library.store.db.execute(
        "SELECT key FROM records_fts WHERE records_fts MATCH 'sharks'"
    ).fetchall()
    assert hits == [("smith2020",)]


def test_the_python_api_imports_records(library: Library) -> None:
    records = [Record(key="", csl={"type": "book", "title": "Untitled thoughts"})]
    report = library.import_records(records)
    assert [i.record.key for i in report.added] == ["anonuntitled"]
    with pytest.raises(DataError, match="keys already taken: 'anonuntitled'"):
        library.add_many([Record(key="anonuntitled", csl={"type": "book"})])


def test_an_interrupted_import_leaves_the_library_as_it_was(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sarcref.store

    real_index_row = sarcref.store._index_row
    calls = []

    def interrupt_on_the_second(*args: object) -> object:
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C while the records are being written
        return real_index_row(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sarcref.store, "_index_row", interrupt_on_the_second)
    two = SMITH + "@book{b, title = {Another}, year = 1999}\n"
    with pytest.raises(KeyboardInterrupt):
        library.import_sources(bib(two))
    monkeypatch.undo()
    assert library.keys() == ["lerman2015local"]
    assert library.store.db.execute("SELECT count(*) FROM records_fts").fetchone() == (1,)


def test_imported_markup_is_for_csl_processors_not_for_readers(library: Library) -> None:
    library.import_sources(bib(r"@book{d, title = {The {DNA} of \emph{Homo}}, year = 2001}"))
    record = library.get("d")
    assert record.csl["title"] == 'The <span class="nocase">DNA</span> of <i>Homo</i>'
    assert record.title == "The DNA of Homo"


def test_updating_from_an_export_pairs_each_record_with_itself(library: Library) -> None:
    two_printings = (
        "@book{first, author = {Roe, Ann}, title = {Whales}, year = 2001, doi = {10.1000/w}, "
        "edition = {1}}\n"
        "@book{second, author = {Roe, Ann}, title = {Whales}, year = 2001, doi = {10.1000/w}, "
        "edition = {2}}\n"
    )
    library.import_sources(bib(two_printings))
    report = library.import_sources(
        bib(two_printings.replace("edition = {2}", "edition = {3}")), on_duplicate="update"
    )
    assert [(m.item.record.key, m.existing_key) for m in report.updated] == [
        ("first", "first"),
        ("second", "second"),
    ]
    assert [library.get(k).csl["edition"] for k in ("first", "second")] == ["1", "3"]


def test_each_record_notes_its_file_and_the_database_record_it_was(library: Library) -> None:
    medline = (
        "PMID- 25490690\nTI  - Local control of metastatic sarcoma.\nFAU - Lerman, Daniel M\n"
        "DP  - 2015 Feb\nTA  - Curr Opin Pediatr\n\n"
        "PMID- 19621072\nTI  - Preferred reporting items for systematic reviews.\n"
        "FAU - Moher, David\nDP  - 2009 Jul 21\nTA  - PLoS Med\n"
    )
    report = library.import_sources([Source("search.nbib", medline)])
    assert len(report.added) == 1  # the first is the bundled record, a duplicate
    (added,) = report.added
    assert added.record.extra["sources"] == [
        {"file": "search.nbib", "format": "medline", "database": "PubMed", "accession": "19621072"}
    ]
    # Skipping a duplicate leaves the library as it was, its sources too: importing a file
    # twice writes nothing.
    assert "sources" not in library.get("lerman2015local").extra
