"""Working time as people in the office say it: "sisa 1 hari 6 jam kerja", "terlambat 3 jam kerja".

Pure Python. Durations here are *office* time (see `alur.core.calendar.working_time_between`): a
"hari" is one standard office day of the calendar (8 h 30 min by default), not 24 hours. The text
uses the unit of the step's own Waktu, so a step measured in days reads in days and hours, a step
measured in hours in hours and minutes, a step measured in minutes in minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from alur.core.calendar import WorkCalendar, working_time_between
from alur.core.sop.model import WaktuUnit


def working_text(amount: timedelta, unit: WaktuUnit | str | None, standard_day: timedelta) -> str:
    """`amount` of office time in the step's unit, e.g. "1 hari 6 jam kerja" (never negative).

    A full office day or more always reads in days and hours (nobody counts "26 jam" of office
    time); below that HARI reads in hours (minutes only under an hour), JAM in hours and minutes,
    MENIT (or no unit) in minutes, with hours once it reaches an hour."""
    unit = WaktuUnit(unit) if unit else WaktuUnit.MENIT
    minutes = max(0, int(amount.total_seconds() // 60))
    day_minutes = max(1, int(standard_day.total_seconds() // 60))
    parts: list[str] = []
    if minutes >= day_minutes or (unit is WaktuUnit.HARI and minutes >= 60):
        days, rest = divmod(minutes, day_minutes)
        hours = rest // 60
        parts = [f"{days} hari"] * bool(days) + [f"{hours} jam"] * bool(hours)
    else:
        hours, rest = divmod(minutes, 60)
        parts = [f"{hours} jam"] * bool(hours) + [f"{rest} menit"] * bool(rest)
    return " ".join(parts or ["0 menit"]) + " kerja"


def time_left(now: datetime, due: datetime, calendar: WorkCalendar) -> tuple[timedelta, bool]:
    """(office time until `due`, False) before the deadline, (office time past it, True) after."""
    if now <= due:
        return working_time_between(now, due, calendar), False
    return working_time_between(due, now, calendar), True


def time_left_text(now: datetime, due: datetime | None, unit: WaktuUnit | str | None,
                   calendar: WorkCalendar) -> str:
    """"sisa 1 hari 6 jam kerja" or "terlambat 3 jam kerja"; "-" without a deadline."""
    if due is None:
        return "-"
    amount, late = time_left(now, due, calendar)
    if late and amount < timedelta(minutes=1):  # past due while the office was closed
        return "lewat tenggat"
    text = working_text(amount, unit, calendar.standard_day)
    return f"terlambat {text}" if late else f"sisa {text}"


__all__ = ["time_left", "time_left_text", "working_text"]
