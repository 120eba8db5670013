"""Dates as databases print them, to CSL dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarcref.formats.text_dates import parse_text_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2015", {"date-parts": [[2015]]}),
        ("2015 Feb", {"date-parts": [[2015, 2]]}),
        ("2009 Jul 21", {"date-parts": [[2009, 7, 21]]}),
        ("2010 Sep-Oct", {"date-parts": [[2010, 9], [2010, 10]]}),
        ("1998 Dec-1999 Jan", {"date-parts": [[1998, 12], [1999, 1]]}),
        ("2015 Jan 15-31", {"date-parts": [[2015, 1, 15], [2015, 1, 31]]}),
        ("2009 Winter", {"date-parts": [[2009]], "season": 4}),
        ("2000 Spring-Summer", {"date-parts": [[2000]], "season": "Spring-Summer"}),
        ("20090721", {"date-parts": [[2009, 7, 21]]}),
        ("2009/07/22 09:00", {"date-parts": [[2009, 7, 22]]}),
        ("21 Jul 2009", {"date-parts": [[2009, 7, 21]]}),
        ("1 Feb. 2015", {"date-parts": [[2015, 2, 1]]}),
        ("February 2015", {"date-parts": [[2015, 2]]}),
        ("JUL 2009", {"date-parts": [[2009, 7]]}),
        ("SPR 2011", {"date-parts": [[2011]], "season": 1}),
        ("JAN-FEB 2012", {"date-parts": [[2012, 1], [2012, 2]]}),
    ],
)
def test_database_dates(text: str, date: dict[str, Any]) -> None:
    assert parse_text_date(text) == date


@pytest.mark.parametrize("text", ["", "Spring of 2001", "2015 Feb 30", "Feb", "2015 2016 2017"])
def test_what_is_not_a_date_gives_none(text: str) -> None:
    assert parse_text_date(text) is None


@given(st.dates(min_value=date(1000, 1, 1)))  # databases write four-digit years
def test_any_iso_date_reads_back(day: Any) -> None:
    parts = [day.year, day.month, day.day]
    assert parse_text_date(day.isoformat()) == {"date-parts": [parts]}
    assert parse_text_date(day.strftime("%Y %b %d")) == {"date-parts": [parts]}
