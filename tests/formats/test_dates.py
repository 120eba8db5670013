"""Dates: biblatex's ISO 8601-2 (EDTF level 1) fields as CSL dates and back.

The expected values follow the date tables of the biblatex manual (section "Date and Time
Specifications"); CSL has no year 0, so an ISO year -0099 is CSL's -100 (100 BC), as
citeproc-js prints it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarcref.formats.dates import from_year_month, parse_edtf, parse_iso, to_edtf


@pytest.mark.parametrize(
    ("text", "csl"),
    [
        ("1850", {"date-parts": [[1850]]}),
        ("1967-02", {"date-parts": [[1967, 2]]}),
        ("2009-01-31", {"date-parts": [[2009, 1, 31]]}),
        ("1988/1992", {"date-parts": [[1988], [1992]]}),
        ("2002-01/2002-02", {"date-parts": [[2002, 1], [2002, 2]]}),
        ("1995-03-30/1995-04-05", {"date-parts": [[1995, 3, 30], [1995, 4, 5]]}),
        # Open ranges: citeproc-js reads an end of zeros as "no end yet" (1997–).
        ("1997/", {"date-parts": [[1997], [0]]}),
        ("1997/..", {"date-parts": [[1997], [0]]}),
        ("1998/unknown", {"date-parts": [[1998], [0]]}),
        ("1999-10-14/", {"date-parts": [[1999, 10, 14], [0, 0, 0]]}),
        # CSL cannot say "until 2001": the end is the date it can hold.
        ("../2001", {"date-parts": [[2001]]}),
        ("/1997", {"date-parts": [[1997]]}),
        # A time has no place in a CSL date.
        ("2004-04-05T14:34:00", {"date-parts": [[2004, 4, 5]]}),
        ("1997-05-14T12:00:00Z", {"date-parts": [[1997, 5, 14]]}),
        # Eras: ISO counts a year 0 (1 BC); CSL does not.
        ("0000", {"date-parts": [[-1]]}),
        ("-0876", {"date-parts": [[-877]]}),
        ("-0099", {"date-parts": [[-100]]}),
        ("-0877/-0866", {"date-parts": [[-878], [-867]]}),
        # Qualifiers: ~ approximate (CSL circa), ? uncertain (no CSL flag), % both.
        ("1723~", {"date-parts": [[1723]], "circa": True}),
        ("1723?", {"date-parts": [[1723]]}),
        ("1723%", {"date-parts": [[1723]], "circa": True}),
        ("1988-09~/1989-11?", {"date-parts": [[1988, 9], [1989, 11]], "circa": True}),
        # Seasons 21-24: spring, summer, autumn, winter (CSL season 1-4).
        ("2004-21", {"date-parts": [[2004]], "season": 1}),
        ("2004-22", {"date-parts": [[2004]], "season": 2}),
        ("2004-24", {"date-parts": [[2004]], "season": 4}),
        # Unspecified digits are the ranges biblatex expands them to.
        ("199X", {"date-parts": [[1990], [1999]]}),
        ("19XX", {"date-parts": [[1900], [1999]]}),
        ("1999-XX", {"date-parts": [[1999, 1], [1999, 12]]}),
        ("1999-02-XX", {"date-parts": [[1999, 2, 1], [1999, 2, 28]]}),
        ("1999-XX-XX", {"date-parts": [[1999, 1, 1], [1999, 12, 31]]}),
    ],
)
def test_edtf_dates_become_csl_date_parts(text: str, csl: dict[str, object]) -> None:
    assert parse_edtf(text) == csl


@pytest.mark.parametrize("text", ["2004-13", "2001-02-30", "1990a", "abc", "1/2/3", "../..", ""])
def test_what_is_not_a_date_is_none(text: str) -> None:
    assert parse_edtf(text) is None


def test_to_edtf_writes_what_parse_edtf_reads() -> None:
    assert to_edtf({"date-parts": [[-100]]}) == "-0099"
    assert to_edtf({"date-parts": [[1723]], "circa": True}) == "1723~"
    assert to_edtf({"date-parts": [[2004]], "season": 2}) == "2004-22"
    assert to_edtf({"date-parts": [[1999, 10, 14], [0, 0, 0]]}) == "1999-10-14/"
    assert to_edtf({"literal": "forthcoming"}) is None


csl_date = st.one_of(
    st.builds(
        lambda y, m, d, n: {"date-parts": [[y, m, d][: 1 + n]]},
        st.integers(-3000, 2100).filter(bool),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 2),
    ),
    st.builds(lambda y: {"date-parts": [[y], [y + 3]]}, st.integers(1, 2100)),
    st.builds(lambda y: {"date-parts": [[y], [0]]}, st.integers(1, 2100)),
    st.builds(lambda y: {"date-parts": [[y]], "circa": True}, st.integers(1, 2100)),
    st.builds(
        lambda y, s: {"date-parts": [[y]], "season": s}, st.integers(1, 2100), st.integers(1, 4)
    ),
)


@given(csl_date)
def test_csl_dates_survive_edtf(date: dict[str, object]) -> None:
    text = to_edtf(date)
    assert text is not None
    assert parse_edtf(text) == date


def test_existing_functions_keep_their_behaviour() -> None:
    # parse_iso and from_year_month are shared with RIS and `edit --set`.
    assert parse_iso("-0099") == {"date-parts": [[-99]]}
    assert parse_iso("1999-03-04/1999-04") == {"date-parts": [[1999, 3, 4], [1999, 4]]}
    assert from_year_month("1990", "jun") == {"date-parts": [[1990, 6]]}
    assert from_year_month("1990", "June", "3") == {"date-parts": [[1990, 6, 3]]}
    assert from_year_month("1990a", "June") == {"literal": "June 1990a"}
