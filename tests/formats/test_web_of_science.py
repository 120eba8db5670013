"""Web of Science plain text (.ciw, savedrecs.txt) and tab-delimited exports to CSL records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref.formats import detect_format, read_source
from sarcref.formats.web_of_science import WosError, read

FIXTURES = Path(__file__).parent / "fixtures" / "web_of_science"
BUNDLED = Path(__file__).parents[2] / "data" / "lerman2015local.json"


def _expected() -> list[dict[str, object]]:
    expected = json.loads((FIXTURES / "savedrecs.expected.json").read_text(encoding="utf-8"))
    # The abstract is the bundled record's, word for word (wrapped over lines in the file).
    expected[0]["abstract"] = json.loads(BUNDLED.read_text(encoding="utf-8"))["abstract"]
    return list(expected)


@pytest.mark.parametrize(
    ("name", "form"), [("savedrecs.txt", "wos"), ("savedrecs-tab.txt", "wos-tab")]
)
def test_both_forms_of_the_export_map_to_the_csl_written_for_them(name: str, form: str) -> None:
    result = read_source(FIXTURES / name)
    assert result.format == "wos"
    assert result.problems == [] and result.warnings == []
    got = [{k: v for k, v in r.record.csl.items() if k != "id"} for r in result.records]
    assert got == _expected()
    sources = [r.record.extra["source"] for r in result.records]
    assert sources[0] == {
        "database": "Web of Science",
        "format": form,
        "accession": "WOS:000000000000001",
    }


def test_fields_without_a_csl_variable_are_kept() -> None:
    result = read_source(FIXTURES / "savedrecs.txt")
    review, _, paper = (r.record.extra for r in result.records)
    assert review["publication-types"] == ["Review"]
    assert review["wos"]["EI"] == ["1531-698X"]  # the electronic ISSN, beside the print one
    assert review["wos"]["C1"] == ["[Lerman, Daniel M.] Example Univ, Example City, USA."]
    assert paper["wos"]["CY"] == ["SEP 10-12, 2018"]
    assert paper["languages"] == ["de", "en"]


def test_records_keep_their_lines() -> None:
    text = (FIXTURES / "savedrecs.txt").read_text(encoding="utf-8")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("PT ")]
    assert [r.line for r in read(text, "savedrecs.txt").records] == starts
    tab = read_source(FIXTURES / "savedrecs-tab.txt")
    assert [r.line for r in tab.records] == [2, 3, 4]


def test_the_format_is_told_from_the_content() -> None:
    text = (FIXTURES / "savedrecs.txt").read_text(encoding="utf-8")
    assert detect_format(text, "savedrecs.txt") == "wos"
    assert detect_format("PT J\nAU Doe, J\nTI T\nER\n", "x.txt") == "wos"
    tab = (FIXTURES / "savedrecs-tab.txt").read_bytes().decode("utf-16")
    assert detect_format(tab, "savedrecs.txt") == "wos"
    assert detect_format("", "savedrecs.ciw") == "wos"


def test_a_record_cut_short_is_reported_and_the_others_read() -> None:
    text = "FN Web of Science\nVR 1.0\nPT J\nTI First\nPT J\nTI Second\nER\nPT J\nTI Third\n"
    result = read(text, "cut.txt")
    assert [r.record.csl["title"] for r in result.records] == ["Second"]
    assert [str(p) for p in result.problems] == [
        "cut.txt:3: entry: no ER line before the next record (line 5)",
        "cut.txt:8: entry: the record has no ER line: the file ends inside it (truncated?)",
    ]


def test_a_file_without_records_is_refused() -> None:
    with pytest.raises(WosError, match=r"^x.txt: no Web of Science record"):
        read("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", "x.txt")
