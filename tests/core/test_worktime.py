"""Remaining and overdue time in office time, in the step's own unit."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from alur.core.calendar import WorkCalendar
from alur.core.sop.model import WaktuUnit
from alur.core.worktime import time_left, time_left_text, working_text

JKT = ZoneInfo("Asia/Jakarta")
CAL = WorkCalendar()
DAY = CAL.standard_day  # 8 h 30 min


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=JKT)


def test_days_read_in_days_and_hours_of_an_office_day():
    assert working_text(DAY + timedelta(hours=6), WaktuUnit.HARI, DAY) == "1 hari 6 jam kerja"
    assert working_text(2 * DAY, WaktuUnit.HARI, DAY) == "2 hari kerja"
    assert working_text(timedelta(hours=3, minutes=20), WaktuUnit.HARI, DAY) == "3 jam kerja"
    assert working_text(timedelta(minutes=45), WaktuUnit.HARI, DAY) == "45 menit kerja"


def test_hours_and_minutes_units():
    assert working_text(timedelta(hours=26), WaktuUnit.JAM, DAY) == "3 hari kerja"  # 3 x 8 h 30 min + 30 min
    assert working_text(timedelta(hours=8, minutes=20), WaktuUnit.JAM, DAY) == "8 jam 20 menit kerja"
    assert working_text(timedelta(hours=1, minutes=5), WaktuUnit.JAM, DAY) == "1 jam 5 menit kerja"
    assert working_text(timedelta(minutes=25), WaktuUnit.MENIT, DAY) == "25 menit kerja"
    assert working_text(timedelta(minutes=-5), None, DAY) == "0 menit kerja"


def test_two_hari_left_over_a_weekend_is_office_time_not_clock_time():
    # Friday 2026-03-06 09:00, due Tuesday 10 March 09:00: 2 office days, not 4 clock days.
    now, due = at(6, 9), at(10, 9)
    amount, late = time_left(now, due, CAL)
    assert not late and amount == timedelta(hours=7, minutes=30) + DAY + timedelta(hours=1, minutes=30)
    assert time_left_text(now, due, WaktuUnit.HARI, CAL) == "sisa 2 hari kerja"  # 17 h 30 min of office time
    assert time_left_text(at(9, 9), at(10, 9), WaktuUnit.HARI, CAL) == "sisa 1 hari kerja"


def test_overdue_counts_office_hours_only():
    due = at(2, 13)  # Monday 13:00
    assert time_left_text(at(2, 16), due, WaktuUnit.JAM, CAL) == "terlambat 3 jam kerja"
    assert time_left_text(at(3, 8), due, WaktuUnit.JAM, CAL) == "terlambat 3 jam 30 menit kerja"
    # Past a Friday-afternoon deadline on Saturday: late, though no office time has passed.
    assert time_left_text(at(7, 10), at(6, 16, 30), WaktuUnit.JAM, CAL) == "lewat tenggat"
    assert time_left_text(at(7, 10), None, WaktuUnit.JAM, CAL) == "-"
