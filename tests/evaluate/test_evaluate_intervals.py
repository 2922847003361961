"""Normalised dates as day intervals, and containment between them."""

from __future__ import annotations

from datetime import date

import pytest

from veille.evaluate.intervals import DateFormatError, date_interval, date_within, is_valid_date


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2013", date(2013, 1, 1), date(2013, 12, 31)),
        ("2013-Q1", date(2013, 1, 1), date(2013, 3, 31)),
        ("2013-Q3", date(2013, 7, 1), date(2013, 9, 30)),
        ("2013-Q4", date(2013, 10, 1), date(2013, 12, 31)),
        ("2013-SP", date(2013, 3, 1), date(2013, 5, 31)),
        ("2012-SU", date(2012, 6, 1), date(2012, 8, 31)),
        ("2013-FA", date(2013, 9, 1), date(2013, 11, 30)),
        # Winter runs into the next year, whose February may be a leap one.
        ("2013-WI", date(2013, 12, 1), date(2014, 2, 28)),
        ("2015-WI", date(2015, 12, 1), date(2016, 2, 29)),
        ("2013-02", date(2013, 2, 1), date(2013, 2, 28)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2013-06", date(2013, 6, 1), date(2013, 6, 30)),
        # ISO weeks start on Monday; week 1 may begin in the previous calendar year.
        ("2013-W20", date(2013, 5, 13), date(2013, 5, 19)),
        ("2013-W01", date(2012, 12, 31), date(2013, 1, 6)),
        ("2015-W53", date(2015, 12, 28), date(2016, 1, 3)),
        ("2013-05-22", date(2013, 5, 22), date(2013, 5, 22)),
        (" 2013-05-22 ", date(2013, 5, 22), date(2013, 5, 22)),
    ],
)
def test_every_date_form_gives_its_interval(value: str, first: date, last: date) -> None:
    assert date_interval(value) == (first, last)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "13",
        "2013-Q0",
        "2013-Q5",
        "2013-13",
        "2013-00",
        "2013-02-30",
        "2013-W53",
        "2013-W00",
        "2013-XX",
        "2013-su",
        "22/05/2013",
        "mai 2013",
        "2013-5",
        2013,
        None,
    ],
)
def test_bad_values_raise_a_date_format_error_naming_the_value(value: object) -> None:
    with pytest.raises(DateFormatError) as caught:
        date_interval(value)  # type: ignore[arg-type]
    assert repr(value) in str(caught.value)
    assert "YYYY-Qn" in str(caught.value)  # says which forms are accepted
    assert not is_valid_date(value)


@pytest.mark.parametrize(
    ("predicted", "gold", "inside"),
    [
        ("2013-W20", "2013-05", True),
        ("2013-W20", "2013-Q2", True),
        ("2013-W20", "2013-SP", True),
        ("2013-W20", "2013", True),
        ("2013-05-22", "2013-W21", True),
        ("2013-05-22", "2013-W20", False),
        ("2013", "2013-05", False),  # coarser than gold
        ("2013", "2013", True),
        ("2012-07", "2012-SU", True),
        ("2012-09", "2012-SU", False),
        ("2012-SU", "2012-Q3", False),  # June is in Q2
        ("2014-01", "2013-WI", True),  # winter 2013 reaches into 2014
        ("2013-01", "2013-WI", False),  # that is winter 2012
        ("2013-WI", "2013", False),
        ("2013-W01", "2013", False),  # starts on 31 December 2012
        ("2013-W01", "2013-Q1", False),
        ("2013-W02", "2013-01", True),
        ("2013-Q3", "2013-FA", False),
        ("2013-10", "2013-FA", True),
    ],
)
def test_containment(predicted: str, gold: str, inside: bool) -> None:
    assert date_within(predicted, gold) is inside
