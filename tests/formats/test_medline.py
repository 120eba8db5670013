"""MEDLINE / PubMed tagged text (PubMed's "PubMed" format, .nbib) to CSL records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref.formats import detect_format, read_records
from sarcref.formats.medline import MedlineError, read

FIXTURES = Path(__file__).parent / "fixtures" / "medline"
BUNDLED = Path(__file__).parents[2] / "data" / "lerman2015local.json"
EXPORT = FIXTURES / "pubmed-export.txt"


def _records() -> list[dict[str, object]]:
    result = read(EXPORT.read_text(encoding="utf-8"), "pubmed-export.txt")
    assert result.problems == [] and result.warnings == []
    return [item.record.to_json() for item in result.records]


def _csl(record: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in record.items() if k not in ("id", "sarcref")}


def test_every_record_of_the_export_maps_to_the_csl_written_for_it() -> None:
    expected = json.loads((FIXTURES / "pubmed-export.expected.json").read_text(encoding="utf-8"))
    got = [_csl(r) for r in _records()]
    assert len(got) == len(expected)
    for record, want in zip(got, expected, strict=True):
        assert record == want


def test_the_bundled_record_is_read_alike_from_its_pubmed_entry() -> None:
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    lerman = _records()[0]
    for variable in ("title", "container-title", "container-title-short", "volume", "issue"):
        assert lerman[variable] == bundled[variable]
    assert lerman["page"] == bundled["page"]
    assert lerman["abstract"] == bundled["abstract"]
    assert lerman["keyword"] == bundled["keyword"]
    assert "DOI" not in lerman  # the bundled record has none: none is invented


def test_each_record_says_where_it_came_from_and_keeps_what_csl_cannot_hold() -> None:
    lerman, prisma, *_, chapter, german = _records()
    own = prisma["sarcref"]
    assert isinstance(own, dict)
    assert own["source"] == {"database": "PubMed", "format": "medline", "accession": "19621072"}
    assert own["publication-types"] == ["Journal Article"]
    assert own["mesh"] == [
        "Humans",
        "*Meta-Analysis as Topic",
        "Publishing/*standards",
        "*Review Literature as Topic",
    ]
    affiliation = (
        "Ottawa Methods Centre, Ottawa Hospital Research Institute, Ottawa, Ontario, Canada."
    )
    assert own["author-details"] == [{"affiliations": [affiliation]}, {}, {}, {}, {}]
    assert own["medline"]["PHST"] == ["2009/07/21 00:00 [epublish]"]
    assert own["medline"]["SO"] == [
        "PLoS Med. 2009 Jul 21;6(7):e1000097. doi: 10.1371/journal.pmed.1000097. Epub 2009 Jul 21."
    ]
    assert "AID" not in own["medline"]  # its only value, the DOI, is mapped
    assert lerman["sarcref"]["medline"]["PL"] == ["United States"]  # a journal's country
    assert "PL" not in chapter["sarcref"]["medline"]  # a book's place of publication
    assert chapter["sarcref"]["medline"]["AID"] == ["NBK000001 [bookaccession]"]
    assert german["sarcref"]["author-details"] == [
        {
            "orcid": "0000-0002-1825-0097",
            "affiliations": [
                "Example University Hospital, Example City, Germany.",
                "Second Example Institute, Example City, Germany.",
            ],
        }
    ]
    assert german["sarcref"]["languages"] == ["de", "en"]
    assert german["sarcref"]["vernacular-title"] == (
        "Lokale Kontrolle von Metastasen: ein synthetischer Datensatz"
    )


def test_records_keep_the_line_they_start_on() -> None:
    text = EXPORT.read_text(encoding="utf-8")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("PMID-")]
    result = read(text, "pubmed-export.txt")
    assert [item.line for item in result.records] == starts
    assert result.records[1].where == f"pubmed-export.txt:{starts[1]}"


def test_the_format_is_told_from_the_content_and_the_nbib_extension() -> None:
    text = EXPORT.read_text(encoding="utf-8")
    assert detect_format(text, "pubmed-export.txt") == "medline"
    assert detect_format("\ufeff\r\nPMID- 1\r\nTI  - T.\r\n", "x") == "medline"
    assert detect_format("OWN - ERIC\nTI  - T\n", "eric.txt") == "medline"
    assert detect_format("", "empty.nbib") == "medline"


def test_read_records_gives_keys_to_pubmed_records() -> None:
    keys = [r.key for r in read_records(EXPORT)]
    assert keys[:3] == ["lerman2015local", "moher2009preferred", "watson1953molecular"]


def test_sloppy_lines_are_read_with_a_warning_and_crlf_is_fine() -> None:
    text = (
        "PMID- 1\r\nTI - A title cut\r\nover two lines\r\nFAU - Doe, Jane\r\n"
        "PMID- 2\r\nTI  - Second.\r\nDP  - Spring of 2001\r\nLA  - xyz\r\n"
    )
    result = read(text, "copy.txt")
    first, second = (item.record for item in result.records)
    assert first.csl["title"] == "A title cut over two lines"
    assert first.csl["author"] == [{"family": "Doe", "given": "Jane"}]
    assert second.csl["issued"] == {"literal": "Spring of 2001"}
    assert "language" not in second.csl
    assert [str(w) for w in result.warnings] == [
        "copy.txt:3: entry: line 3 has no MEDLINE tag; read as part of the field before",
        "copy.txt:5: entry 'PMID 2': publication date 'Spring of 2001' kept as text",
        "copy.txt:5: entry 'PMID 2': language 'xyz' is not a code sarcref knows; left out",
    ]


def test_a_file_without_records_is_refused() -> None:
    with pytest.raises(MedlineError, match=r"^notes.txt: no MEDLINE record \(PMID- \.\.\.\) found"):
        read("just some notes\n", "notes.txt")
    assert read("", "empty.txt").records == []
