"""RIS syntax: where records start and end, continuation lines, what is not RIS."""

from __future__ import annotations

import pytest

from sarcref.formats import detect_format, read_source
from sarcref.formats.ris.tagged import looks_like_ris, parse


def test_records_run_from_the_first_tag_to_er_in_file_order() -> None:
    text = "TY  - JOUR\nAU  - One, A\nA1  - Two, B\nAU  - Three, C\nER  - \n\nTY  - BOOK\nER  -\n"
    parsed = parse(text, "f.ris")
    assert [(e.line, e.pairs) for e in parsed.entries] == [
        (1, [("TY", "JOUR"), ("AU", "One, A"), ("A1", "Two, B"), ("AU", "Three, C")]),
        (7, [("TY", "BOOK")]),
    ]
    assert (parsed.problems, parsed.warnings) == ([], [])


@pytest.mark.parametrize(
    "head",
    [
        "\ufeff",  # a byte-order mark
        "\n\n  \n",  # blank lines
        "Record #3 of 18\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain\n\n",  # Cochrane
        "6. \n",  # Ovid numbers its records
    ],
)
def test_what_comes_before_the_first_tag_is_skipped(head: str) -> None:
    text = head + "TY  -  JOUR\nTI  - Title\nER  -  \n \n"
    assert detect_format(text, "export.txt") == "ris"
    (entry,) = parse(text, "f").entries
    assert entry.pairs == [("TY", "JOUR"), ("TI", "Title")]
    assert entry.line == text.count("\n", 0, text.index("TY")) + 1


def test_ty_need_not_come_first_and_er_ends_the_record() -> None:
    # Records rewritten by some tools start with DB; TY comes later.
    text = (
        "DB  - McK\nTI  - Baboons\nTY  - JOUR\nER  - \nDB  - WoS\nTY  - JOUR\nTI  - Two\nER  - \n"
    )
    assert looks_like_ris(text)
    entries = parse(text, "f").entries
    assert [(e.line, e.first("TI")) for e in entries] == [(1, "Baboons"), (5, "Two")]


def test_a_second_ty_without_er_between_is_two_records_and_a_warning() -> None:
    parsed = parse("TY  - JOUR\nID  - a\nTI  - One\nTY  - BOOK\nTI  - Two\nER  - \n", "f.ris")
    assert [e.first("TI") for e in parsed.entries] == ["One", "Two"]
    assert [str(w) for w in parsed.warnings] == [
        "f.ris:1: entry 'a': no ER line before the next record (line 4): read as two"
    ]


def test_a_record_cut_short_by_the_end_of_the_file_is_refused_with_its_line() -> None:
    result = read_source(
        "TY  - BOOK\nTI  - Whole\nER  - \n\nTY  - JOUR\nID  - cut\nTI  - Ha", "ris"
    )
    assert [r.record.title for r in result.records] == ["Whole"]
    assert [str(p) for p in result.problems] == [
        "<text>:5: entry 'cut': the record has no ER line: the file ends inside it (truncated?)"
    ]


def test_continuation_lines_join_with_a_space_or_keep_their_breaks_as_zotero_does() -> None:
    text = (
        "TY  - JOUR\n"
        "T1  - Blood-brain barrier breach following\n"
        "cortical contusion in the rat\n"
        "AB  - First paragraph.\n"
        "   Second paragraph, indented as Web of Science writes it.\n"
        "KW  - article\n"
        "biostratigraphy\n"
        "ER  - \n"
    )
    (entry,) = parse(text, "f").entries
    assert entry.first("T1") == "Blood-brain barrier breach following cortical contusion in the rat"
    assert entry.first("AB") == (
        "First paragraph.\nSecond paragraph, indented as Web of Science writes it."
    )
    assert entry.first("KW") == "article\nbiostratigraphy"  # EndNote: one keyword a line


def test_a_hard_wrapped_file_joins_long_lines_of_an_abstract() -> None:
    line = "x" * 70
    text = f"TY  - JOUR\nAB  - {line}\n{line}\nshort end\nER  - \n"
    (entry,) = parse(text, "f").entries
    assert entry.first("AB") == f"{line} {line} short end"


def test_tags_rayyan_writes_inside_a_value_are_split_off() -> None:
    text = "TY  - JOUR\nDO  - 10.1038/x     LK  - https://example.org/link\nER  - \n"
    (entry,) = parse(text, "f").entries
    assert entry.pairs == [("TY", "JOUR"), ("DO", "10.1038/x"), ("LK", "https://example.org/link")]


@pytest.mark.parametrize(
    "text",
    [
        "PMID- 30922926\nOWN - NLM\nTI  - A MEDLINE record\n",  # MEDLINE: another format
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nER\n",  # WoS tagged
        "@article{k, title={T}}\n",
        "just notes\nTI  - not at the top\n",
    ],
)
def test_other_formats_are_not_taken_for_ris(text: str) -> None:
    assert not looks_like_ris(text)


def test_lines_end_in_lf_crlf_or_cr() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["TY  - JOUR", "TI  - Title", "ER  - ", ""])
        assert [e.first("TI") for e in parse(text, "f").entries] == ["Title"]
