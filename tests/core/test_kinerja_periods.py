from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alur.core.kinerja.periods import collection_period, last_quarter_ended


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 1, 5), (2025, 4)), (date(2026, 3, 31), (2025, 4)), (date(2026, 4, 1), (2026, 1)),
    (date(2026, 10, 2), (2026, 3)), (date(2026, 12, 31), (2026, 3)),
])
def test_last_quarter_ended(day, expected):
    assert last_quarter_ended(day) == expected


def test_a_collection_started_in_october_gathers_the_third_triwulan():
    assert collection_period(2026, date(2026, 10, 5)) == (2026, 3)


def test_a_run_about_an_earlier_year_gathers_its_fourth_triwulan():
    assert collection_period(2025, date(2026, 1, 10)) == (2025, 4)
    assert collection_period(2025, date(2026, 8, 10)) == (2025, 4)


def test_before_any_quarter_of_the_run_year_ended_it_gathers_the_previous_fourth():
    # Formerly triwulan I of 2026 was "collected" in February 2026, before it had ended.
    assert collection_period(2026, date(2026, 2, 10)) == (2025, 4)


@given(st.integers(2000, 2100), st.dates(date(2000, 1, 1), date(2100, 12, 31)))
def test_the_period_has_always_ended_before_the_collection_starts(year, started):
    period_year, triwulan = collection_period(year, started)
    assert 1 <= triwulan <= 4
    assert (period_year, triwulan * 3) < (started.year, started.month)  # its last month is over
    assert (period_year, triwulan) <= (year, 4)
