import datetime as dt

import pytest

from eventwire.resolve.dates import apply_rule, last_weekday

SAT = dt.date(2015, 10, 10)  # a Saturday


def test_weekday_is_the_last_one_on_or_before_publication():
    assert last_weekday(SAT, 4) == dt.date(2015, 10, 9)  # vendredi
    assert last_weekday(SAT, 5) == SAT
    assert last_weekday(SAT, 6) == dt.date(2015, 10, 4)


@pytest.mark.parametrize(("rule", "value", "precision"), [
    ("day:-1", dt.date(2015, 10, 9), "day"),
    ("day:0", SAT, "day"),
    ("week:-1", dt.date(2015, 9, 28), "week"),
    ("month:-1", dt.date(2015, 9, 1), "month"),
    ("year:-1", dt.date(2014, 1, 1), "year"),
    ("weekend:0", SAT, "day"),
])
def test_relative_rules(rule, value, precision):
    got = apply_rule(rule, SAT, "x")
    assert (got.value, got.precision) == (value, precision)


def test_relative_dates_are_unknown_without_publication_date():
    assert apply_rule("day:-1", None, "hier").value is None
