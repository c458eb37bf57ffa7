import pytest

from laoreport.errors import PeriodError
from laoreport.periods import month_range, parse_period, sort_key


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2019-05", "2019-05", "2019-05"),
        ("2019-Q3", "2019-07", "2019-09"),
        ("2019-H1", "2019-01", "2019-06"),
        ("2019-H2", "2019-07", "2019-12"),
        ("2020", "2020-01", "2020-12"),
    ],
)
def test_month_range(text, first, last):
    assert month_range(text) == (first, last)


@pytest.mark.parametrize("bad", ["2019-13", "19-05", "2019-Q5", "May 2019", ""])
def test_bad_period_says_how_to_write_one(bad):
    with pytest.raises(PeriodError, match="2019-Q3"):
        parse_period(bad)


def test_periods_sort_in_time():
    periods = ["2020-01", "2019", "2019-Q3", "2019-07", "2019-H1", "2019-12"]
    assert sorted(periods, key=sort_key) == ["2019-H1", "2019-07", "2019-Q3", "2019-12", "2019", "2020-01"]


def test_lao_names():
    assert parse_period("2019-05").lao() == "ພຶດສະພາ 2019"
    assert parse_period("2019-Q3").lao() == "ໄຕມາດ III 2019"


def test_english_names_for_the_english_page():
    assert [parse_period(p).english() for p in ("2019-05", "2019-Q3", "2019-H2", "2019")] == [
        "May 2019", "Q3 2019", "Second half of 2019", "2019"]
