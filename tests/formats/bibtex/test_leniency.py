"""Damaged and hostile files: what biber recovers is recovered with a warning; what cannot
be is a problem naming file, line and key; what would exhaust memory is refused (#11)."""

from __future__ import annotations

import pytest

from sarcref.errors import DataError
from sarcref.formats import read_records, read_source
from sarcref.formats.bibtex.parse import MAX_VALUE_CHARS


def test_mismatched_entry_delimiters_are_read_as_braces() -> None:
    result = read_source(
        "@article(paren, title = {A}, year = 2000}\n"
        "@book{brace, title = {B}, year = 2001)\n"
        "@book{fine, title = {C}}\n"
    )
    assert [r.record.title for r in result.records] == ["A", "B", "C"]
    assert result.problems == []
    assert [(w.line, w.key) for w in result.warnings] == [(1, "paren"), (2, "brace")]
    assert "opens with '(' and closes with '}'" in result.warnings[0].reason


def test_an_entry_left_open_before_the_next_is_closed_there() -> None:
    result = read_source("@article{open, title = {A}, year = {2000},\n\n@book{next, title = {B}}\n")
    assert [r.record.key for r in result.records] == ["open", "next"]
    assert result.records[0].record.csl["issued"] == {"date-parts": [[2000]]}
    (warning,) = result.warnings
    assert str(warning) == (
        "<text>:1: entry 'open': the entry is not closed before the next one; closed there"
    )


def test_a_missing_comma_between_fields_splits_them() -> None:
    result = read_source("@article{k, title = {A}\n  year = 2000, journal = {J}}")
    (item,) = result.records
    assert (item.record.title, item.record.container_title) == ("A", "J")
    assert item.record.csl["issued"] == {"date-parts": [[2000]]}
    assert [str(w) for w in result.warnings] == [
        "<text>:1: entry 'k': no comma before field year; read as separate fields"
    ]


def test_what_cannot_be_recovered_stays_a_problem() -> None:
    # A brace missing inside a value: closing the entry would glue year into the title.
    result = read_source("@article{bad, title = {A {B}, year = 2000}\n\n@book{ok, title = {C}}")
    assert [r.record.key for r in result.records] == ["ok"]
    (problem,) = result.problems
    assert (problem.source, problem.line, problem.key) == ("<text>", 1, "bad")
    assert problem.reason == (
        "a brace is not closed inside a field value (fields would run together)"
    )
    # An entry cut off by the end of the file is truncated, not recoverable.
    cut = read_source("@book{ok, title = {Fine}}\n\n@article{cut, title = {Half")
    assert [(p.line, p.key) for p in cut.problems] == [(3, "cut")]


def test_doubling_string_macros_are_refused_before_they_grow() -> None:
    # Issue 11.5: 707 bytes of @string definitions expanded to 268 MB.
    lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, 30)]
    lines.append("@book{bomb, title = s29}")
    with pytest.raises(DataError) as error:
        read_source("\n".join(lines))
    message = error.value.message
    assert message.startswith("<text>:")
    assert "@string 's16'" in message  # the first definition over the cap
    assert f"at most {MAX_VALUE_CHARS:,} a field" in message


def test_a_field_over_the_cap_names_entry_and_field() -> None:
    text = "@book{big, title = {T}, abstract = {" + "x" * (MAX_VALUE_CHARS + 1) + "}}"
    with pytest.raises(DataError) as error:
        read_source(text)
    assert error.value.exit_code == 3
    assert error.value.message.startswith("<text>:1: entry 'big': field 'abstract': ")


def test_a_crossref_chain_of_any_depth_is_walked() -> None:
    # Issue 11.11: 5,000 links raised RecursionError.
    depth = 5000
    entries = [f"@book{{e{i}, crossref = {{e{i + 1}}}}}" for i in range(depth)]
    entries.append(f"@book{{e{depth}, title = {{Root}}, publisher = {{P}}}}")
    records = read_records("\n".join(entries))
    assert len(records) == depth + 1
    assert records[0].csl["publisher"] == "P"
    assert records[0].title == "Root"


def test_unknown_macros_are_kept_readable_and_reported_once_per_file() -> None:
    result = read_source(
        r"""
        @book{a, title = {The \foo{b{\"a}r} book}}
        @book{b, title = {Another \foo{x}}, note = {\baz and \foo{y}}}
        @book{c, title = {Plain}, file = {C:\path\to\file.pdf}}
        """
    )
    assert result.records[0].record.title == r"The \foo{bär} book"
    # One warning for the file; fields sarcref does not decode (file) do not count.
    assert [str(w) for w in result.warnings] == [
        r"<text>: unknown LaTeX macros kept as text: \foo (2 entries), \baz"
    ]
