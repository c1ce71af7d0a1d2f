from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alur.core.calendar import DEFAULT_CALENDAR, WorkCalendar, deadline, working_time_between
from alur.core.sop.model import WaktuUnit

JKT = ZoneInfo("Asia/Jakarta")
CAL = DEFAULT_CALENDAR


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=JKT)


# -- days -------------------------------------------------------------------------------------


def test_default_office_hours():
    assert CAL.office_hours(date(2026, 8, 10)) == (time(7, 30), time(16, 0))  # Monday
    assert CAL.office_hours(date(2026, 8, 13)) == (time(7, 30), time(16, 0))  # Thursday
    assert CAL.office_hours(date(2026, 8, 14)) == (time(7, 30), time(16, 30))  # Friday
    assert CAL.office_hours(date(2026, 8, 15)) is None  # Saturday
    assert CAL.office_hours(date(2026, 8, 16)) is None  # Sunday
    assert CAL.is_working_day(date(2026, 8, 18))
    assert not CAL.is_working_day(date(2026, 8, 16))


def test_national_holiday():
    independence = date(2026, 8, 17)  # a Monday
    assert independence.weekday() == 0
    assert not CAL.is_working_day(independence)
    assert CAL.holiday_name(independence) == "Hari Kemerdekaan Republik Indonesia"
    assert CAL.holiday_name(date(2026, 8, 18)) is None


def test_cuti_bersama_2026_idul_fitri():
    # From the `holidays` package ("government" category): cuti bersama around Idul Fitri 1447 H.
    for d in (date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24)):
        assert CAL.holiday_name(d) == "Cuti Bersama Hari Raya Idul Fitri"
        assert not CAL.is_working_day(d)
    assert CAL.holiday_name(date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert CAL.holiday_name(date(2026, 3, 18)) == "Cuti Bersama Hari Suci Nyepi"
    assert CAL.holiday_name(date(2026, 3, 19)) == "Hari Suci Nyepi"
    assert CAL.holiday_name(date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    assert CAL.is_working_day(date(2026, 3, 17))
    assert CAL.is_working_day(date(2026, 3, 25))


def test_public_only_calendar_keeps_cuti_bersama_as_working_day():
    public_only = WorkCalendar(holiday_categories=("public",))
    assert public_only.is_working_day(date(2026, 3, 23))
    assert not public_only.is_working_day(date(2026, 8, 17))


def test_extra_day_off_and_working_saturday():
    cal = WorkCalendar(
        extra_days_off=frozenset({date(2026, 8, 12)}),
        working_saturdays=frozenset({date(2026, 8, 15)}),
    )
    assert not cal.is_working_day(date(2026, 8, 12))
    assert cal.holiday_name(date(2026, 8, 12)) == "Libur kantor"
    assert cal.office_hours(date(2026, 8, 15)) == (time(7, 30), time(16, 0))  # Monday's hours
    custom = WorkCalendar(
        working_saturdays={date(2026, 8, 15)}, working_saturday_hours=(time(8, 0), time(12, 0))
    )
    assert custom.office_hours(date(2026, 8, 15)) == (time(8, 0), time(12, 0))
    # The default calendar is unaffected.
    assert CAL.is_working_day(date(2026, 8, 12))
    assert not CAL.is_working_day(date(2026, 8, 15))


def test_extra_day_off_beats_working_saturday():
    d = date(2026, 8, 15)
    cal = WorkCalendar(extra_days_off=frozenset({d}), working_saturdays=frozenset({d}))
    assert not cal.is_working_day(d)


def test_calendar_is_hashable_and_comparable():
    assert WorkCalendar() == DEFAULT_CALENDAR
    assert hash(WorkCalendar()) == hash(DEFAULT_CALENDAR)
    assert WorkCalendar(extra_days_off={date(2026, 1, 2)}) != DEFAULT_CALENDAR


def test_invalid_hours_rejected():
    with pytest.raises(ValueError):
        WorkCalendar(hours=(None,) * 7)
    with pytest.raises(ValueError):
        WorkCalendar(hours=((time(16), time(8)),) + (None,) * 6)
    with pytest.raises(ValueError):
        WorkCalendar(hours=((time(8), time(16)),))


# -- deadline: MENIT / JAM --------------------------------------------------------------------


def test_minutes_within_a_day():
    assert deadline(at(2026, 8, 10, 9, 0), 30, WaktuUnit.MENIT) == at(2026, 8, 10, 9, 30)
    assert deadline(at(2026, 8, 10, 9, 0), 2, WaktuUnit.JAM) == at(2026, 8, 10, 11, 0)
    assert deadline(at(2026, 8, 10, 9, 0), 1.5, "jam") == at(2026, 8, 10, 10, 30)


def test_minutes_cross_day_boundary_without_lunch():
    # Monday 15:30 + 60 office minutes: 30 left on Monday (no lunch break), 30 on Tuesday.
    assert deadline(at(2026, 8, 10, 15, 30), 60, WaktuUnit.MENIT) == at(2026, 8, 11, 8, 0)
    # Exactly up to closing ends at closing, not at the next opening.
    assert deadline(at(2026, 8, 10, 15, 30), 30, WaktuUnit.MENIT) == at(2026, 8, 10, 16, 0)
    # A whole office day of minutes (8 h 30) from opening.
    assert deadline(at(2026, 8, 10, 7, 30), 510, WaktuUnit.MENIT) == at(2026, 8, 10, 16, 0)


def test_hours_across_weekend_and_friday_long_day():
    # Friday closes 16:30: Friday 15:00 + 1 Jam stays on Friday.
    assert deadline(at(2026, 8, 7, 15, 0), 1, WaktuUnit.JAM) == at(2026, 8, 7, 16, 0)
    assert deadline(at(2026, 8, 7, 15, 30), 1, WaktuUnit.JAM) == at(2026, 8, 7, 16, 30)
    # Friday 16:00 + 1 Jam: 30 min Friday, then Monday 07:30 + 30 min.
    assert deadline(at(2026, 8, 7, 16, 0), 1, WaktuUnit.JAM) == at(2026, 8, 10, 8, 0)
    # Thursday 15:30 + 1 Jam: Thursday closes 16:00.
    assert deadline(at(2026, 8, 6, 15, 30), 1, WaktuUnit.JAM) == at(2026, 8, 7, 8, 0)


def test_hours_across_national_holiday():
    # Friday 14 Aug 15:00 + 2 Jam: 1 h 30 on Friday, Monday 17 Aug is Hari Kemerdekaan,
    # Tuesday 07:30 + 30 min.
    assert deadline(at(2026, 8, 14, 15, 0), 2, WaktuUnit.JAM) == at(2026, 8, 18, 8, 0)


def test_start_outside_hours_begins_at_next_opening():
    assert deadline(at(2026, 8, 10, 6, 0), 30, WaktuUnit.MENIT) == at(2026, 8, 10, 8, 0)
    assert deadline(at(2026, 8, 10, 20, 0), 30, WaktuUnit.MENIT) == at(2026, 8, 11, 8, 0)
    assert deadline(at(2026, 8, 15, 10, 0), 30, WaktuUnit.MENIT) == at(2026, 8, 18, 8, 0)
    assert deadline(at(2026, 8, 10, 16, 0), 10, WaktuUnit.MENIT) == at(2026, 8, 11, 7, 40)


def test_zero_amount():
    assert deadline(at(2026, 8, 10, 9, 0), 0, WaktuUnit.JAM) == at(2026, 8, 10, 9, 0)
    assert deadline(at(2026, 8, 15, 9, 0), 0, WaktuUnit.HARI) == at(2026, 8, 18, 7, 30)


def test_other_timezone_input_is_converted():
    start = datetime(2026, 8, 10, 2, 0, tzinfo=UTC)  # 09:00 WIB
    result = deadline(start, 30, WaktuUnit.MENIT)
    assert result == at(2026, 8, 10, 9, 30)
    assert result.tzinfo == JKT


def test_invalid_inputs():
    with pytest.raises(ValueError):
        deadline(datetime(2026, 8, 10, 9, 0), 1, WaktuUnit.JAM)
    with pytest.raises(ValueError):
        deadline(at(2026, 8, 10, 9, 0), -1, WaktuUnit.JAM)
    with pytest.raises(ValueError):
        deadline(at(2026, 8, 10, 9, 0), 1, "minggu")


# -- deadline: HARI ---------------------------------------------------------------------------


def test_one_day_during_hours_same_clock_next_working_day():
    assert deadline(at(2026, 8, 10, 10, 15), 1, WaktuUnit.HARI) == at(2026, 8, 11, 10, 15)
    assert deadline(at(2026, 8, 10, 10, 15), 3, WaktuUnit.HARI) == at(2026, 8, 13, 10, 15)


def test_one_day_across_weekend():
    assert deadline(at(2026, 8, 7, 10, 0), 1, WaktuUnit.HARI) == at(2026, 8, 10, 10, 0)


def test_one_day_clamped_to_earlier_closing():
    # Friday 16:15 (open until 16:30) -> Monday closes 16:00. Monday 10 Aug 2026.
    assert deadline(at(2026, 8, 7, 16, 15), 1, WaktuUnit.HARI) == at(2026, 8, 10, 16, 0)


def test_one_day_across_national_holiday():
    # Friday 14 Aug -> Monday 17 Aug is Hari Kemerdekaan -> Tuesday 18 Aug.
    assert deadline(at(2026, 8, 14, 9, 0), 1, WaktuUnit.HARI) == at(2026, 8, 18, 9, 0)


def test_days_across_cuti_bersama():
    # Tuesday 17 Mar 2026: 18 cuti Nyepi, 19 Nyepi, 20 cuti Idul Fitri, 21-22 Idul Fitri
    # (weekend), 23-24 cuti Idul Fitri. The next working day is Wednesday 25 March.
    assert deadline(at(2026, 3, 17, 10, 0), 1, WaktuUnit.HARI) == at(2026, 3, 25, 10, 0)
    assert deadline(at(2026, 3, 17, 10, 0), 2, WaktuUnit.HARI) == at(2026, 3, 26, 10, 0)
    # Started on a cuti bersama day: counting starts at the next opening, ends at its closing.
    assert deadline(at(2026, 3, 23, 10, 0), 1, WaktuUnit.HARI) == at(2026, 3, 25, 16, 0)
    assert working_time_between(at(2026, 3, 17, 16, 0), at(2026, 3, 25, 7, 30)) == timedelta(0)


def test_days_started_outside_hours_end_at_closing():
    # Saturday -> day 1 is Monday, ends Monday 16:00.
    assert deadline(at(2026, 8, 8, 10, 0), 1, WaktuUnit.HARI) == at(2026, 8, 10, 16, 0)
    # Before opening on Monday: Monday is day 1.
    assert deadline(at(2026, 8, 10, 6, 0), 1, WaktuUnit.HARI) == at(2026, 8, 10, 16, 0)
    assert deadline(at(2026, 8, 10, 6, 0), 2, WaktuUnit.HARI) == at(2026, 8, 11, 16, 0)
    # After closing on Thursday: Friday is day 1 and closes 16:30.
    assert deadline(at(2026, 8, 6, 17, 0), 1, WaktuUnit.HARI) == at(2026, 8, 7, 16, 30)


def test_fractional_days():
    # 0.5 Hari = half of Monday's 8 h 30 = 4 h 15 of office time.
    assert deadline(at(2026, 8, 10, 7, 30), 0.5, WaktuUnit.HARI) == at(2026, 8, 10, 11, 45)
    assert deadline(at(2026, 8, 10, 7, 30), 1.5, WaktuUnit.HARI) == at(2026, 8, 11, 11, 45)


def test_extra_day_off_and_working_saturday_in_deadline():
    cal = WorkCalendar(
        extra_days_off=frozenset({date(2026, 8, 11)}),
        working_saturdays=frozenset({date(2026, 8, 8)}),
    )
    # Friday 7 Aug 10:00 + 1 Hari -> Saturday 8 Aug is a working Saturday.
    assert deadline(at(2026, 8, 7, 10, 0), 1, WaktuUnit.HARI, cal) == at(2026, 8, 8, 10, 0)
    # Monday 10 Aug 10:00 + 1 Hari -> Tuesday 11 Aug is off -> Wednesday.
    assert deadline(at(2026, 8, 10, 10, 0), 1, WaktuUnit.HARI, cal) == at(2026, 8, 12, 10, 0)
    # Minutes run through the working Saturday too.
    assert deadline(at(2026, 8, 7, 16, 0), 60, WaktuUnit.MENIT, cal) == at(2026, 8, 8, 8, 0)


# -- working_time_between ---------------------------------------------------------------------


def test_working_time_between():
    assert working_time_between(at(2026, 8, 10, 9), at(2026, 8, 10, 11)) == timedelta(hours=2)
    assert working_time_between(at(2026, 8, 10, 11), at(2026, 8, 10, 9)) == timedelta(0)
    # Friday 16:00 -> Tuesday 08:00, Monday 17 Aug a holiday: 30 + 30 minutes.
    assert working_time_between(at(2026, 8, 14, 16), at(2026, 8, 18, 8)) == timedelta(hours=1)
    # A full normal week: 4 x 8h30 + 9h.
    week = working_time_between(at(2026, 8, 3), at(2026, 8, 10))
    assert week == timedelta(hours=4 * 8.5 + 9)


# -- properties -------------------------------------------------------------------------------

starts = st.datetimes(
    min_value=datetime(2025, 12, 1), max_value=datetime(2027, 1, 31), timezones=st.just(JKT)
)
custom_calendar = WorkCalendar(
    extra_days_off=frozenset({date(2026, 8, 12), date(2026, 1, 2)}),
    working_saturdays=frozenset({date(2026, 8, 15), date(2026, 3, 21)}),
)
calendars = st.sampled_from([DEFAULT_CALENDAR, custom_calendar])


@settings(max_examples=300, deadline=None)
@given(start=starts, minutes=st.integers(0, 6000), cal=calendars)
def test_working_time_between_inverts_minutes(start, minutes, cal):
    end = deadline(start, minutes, WaktuUnit.MENIT, cal)
    assert end >= start
    assert working_time_between(start, end, cal) == timedelta(minutes=minutes)


@settings(max_examples=200, deadline=None)
@given(start=starts, halves=st.integers(0, 60), cal=calendars)
def test_working_time_between_inverts_hours(start, halves, cal):
    end = deadline(start, halves / 2, WaktuUnit.JAM, cal)
    assert working_time_between(start, end, cal) == timedelta(minutes=30 * halves)


@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(1, 15), cal=calendars)
def test_days_deadline_is_within_office_hours_and_monotonic(start, days, cal):
    end = deadline(start, days, WaktuUnit.HARI, cal)
    hours = cal.office_hours(end.date())
    assert hours is not None
    assert hours[0] <= end.time() <= hours[1]
    assert end > start
    assert deadline(start, days + 1, WaktuUnit.HARI, cal) > end
    later = deadline(start + timedelta(minutes=37), days, WaktuUnit.HARI, cal)
    assert later >= end
