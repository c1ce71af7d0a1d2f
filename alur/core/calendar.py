"""The office's working-day calendar and the deadline rule of the SOP *Waktu* column.

Pure Python (no Django). A `WorkCalendar` knows the office hours of each weekday, the national
holidays and *cuti bersama* of Indonesia (from the `holidays` package: category "public" holds
the national holidays, category "government" holds the cuti bersama), and an office-editable table
of extra days off and working Saturdays.

All arithmetic is done on the wall clock of the calendar's time zone (Asia/Jakarta has had no
daylight saving time since 1964, so wall-clock and elapsed time agree). Every datetime given to
or returned by this module is timezone-aware; results are in the calendar's time zone.

No lunch break is modelled: an office day is one interval [opening, closing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, cached_property
from zoneinfo import ZoneInfo

import holidays

from alur.core.sop.model import WaktuUnit

OfficeHours = tuple[time, time]

_MON_THU: OfficeHours = (time(7, 30), time(16, 0))
_FRI: OfficeHours = (time(7, 30), time(16, 30))

#: Default office hours, Monday (index 0) to Sunday (index 6); None = closed.
DEFAULT_HOURS: tuple[OfficeHours | None, ...] = (_MON_THU, _MON_THU, _MON_THU, _MON_THU, _FRI, None, None)

#: Label used by `holiday_name` for a date in `extra_days_off` that is not a national holiday.
EXTRA_DAY_OFF_NAME = "Libur kantor"

# Safety bound when looking for the next working day (a calendar with no working day at all).
_MAX_SEARCH_DAYS = 3 * 366


@cache
def _holidays_of_year(country: str, categories: tuple[str, ...], language: str, year: int) -> dict:
    """{date: name} of one year; cached because `holidays` rebuilds its tables on every call."""
    return dict(holidays.country_holidays(country, years=year, categories=categories, language=language))


@dataclass(frozen=True)
class WorkCalendar:
    """Office hours + holidays. Immutable and hashable; per-date lookups are cached.

    - `hours`: seven entries, Monday first: (opening, closing) or None for a closed weekday.
    - `tz`: IANA time-zone name of the office.
    - `extra_days_off`: office-specific days off (e.g. a regional holiday, a new cuti bersama
      decree not yet in the `holidays` package). Always wins.
    - `working_saturdays`: dates that are working days although their weekday is closed (the
      name says Saturday but any date works). They use `working_saturday_hours`, or Monday's
      hours when that is None. An entry here also overrides a national holiday: the office table
      is the most specific source; only `extra_days_off` beats it. A listed date whose weekday
      is normally open keeps that weekday's hours.
    - `holiday_categories`: `holidays` categories for Indonesia; ("public", "government") =
      national holidays and cuti bersama.
    """

    hours: tuple[OfficeHours | None, ...] = DEFAULT_HOURS
    tz: str = "Asia/Jakarta"
    extra_days_off: frozenset[date] = frozenset()
    working_saturdays: frozenset[date] = frozenset()
    working_saturday_hours: OfficeHours | None = None
    holiday_categories: tuple[str, ...] = ("public", "government")
    country: str = "ID"
    language: str = "id"
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        if len(self.hours) != 7:
            raise ValueError("hours needs seven entries, Monday first")
        for entry in (*self.hours, self.working_saturday_hours):
            if entry is not None and not entry[0] < entry[1]:
                raise ValueError(f"office hours {entry!r}: opening must be before closing")
        if not any(self.hours) and not self.working_saturdays:
            raise ValueError("a calendar needs at least one working weekday")
        # Normalise iterables given by callers (sets, lists) so the dataclass stays hashable.
        for name in ("extra_days_off", "working_saturdays"):
            value = getattr(self, name)
            if not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))
        if not isinstance(self.holiday_categories, tuple):
            object.__setattr__(self, "holiday_categories", tuple(self.holiday_categories))
        if not isinstance(self.hours, tuple):
            object.__setattr__(self, "hours", tuple(self.hours))

    @cached_property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    # -- days ---------------------------------------------------------------------------------

    def _national_holiday(self, d: date) -> str | None:
        return _holidays_of_year(self.country, self.holiday_categories, self.language, d.year).get(d)

    def holiday_name(self, d: date) -> str | None:
        """Name of the national holiday / cuti bersama on `d`, "Libur kantor" for an extra day
        off, else None. Independent of `working_saturdays` (use `is_working_day` for that)."""
        name = self._national_holiday(d)
        if name is None and d in self.extra_days_off:
            return EXTRA_DAY_OFF_NAME
        return name

    def office_hours(self, d: date) -> OfficeHours | None:
        """(opening, closing) on `d`, or None when the office is closed that day."""
        try:
            return self._cache[d]
        except KeyError:
            pass
        if d in self.extra_days_off:
            result = None
        elif d in self.working_saturdays:
            # A closed weekday made working uses the Saturday hours (Monday's by default); an open
            # weekday listed here (a holiday worked through) keeps its own hours.
            result = (
                self.hours[d.weekday()]
                or self.working_saturday_hours
                or self.hours[0]
                or next(h for h in self.hours if h)
            )
        elif self._national_holiday(d) is not None:
            result = None
        else:
            result = self.hours[d.weekday()]
        self._cache[d] = result
        return result

    def is_working_day(self, d: date) -> bool:
        return self.office_hours(d) is not None

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        for _ in range(_MAX_SEARCH_DAYS):
            d += timedelta(days=1)
            if self.office_hours(d) is not None:
                return d
        raise ValueError("no working day found within three years")

    @cached_property
    def standard_day(self) -> timedelta:
        """Length of a normal office day (Monday's hours, or the first open weekday): the size of
        one "Hari" when a fractional number of days is converted to office time."""
        opening, closing = self.hours[0] or next(h for h in self.hours if h)
        return datetime.combine(date.min, closing) - datetime.combine(date.min, opening)

    # -- wall-clock helpers (naive datetimes in the calendar's zone) ---------------------------

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("a timezone-aware datetime is required")
        return moment.astimezone(self.tzinfo).replace(tzinfo=None)

    def _aware(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self.tzinfo)

    def _opening_at_or_after(self, local: datetime) -> datetime:
        """`local` if the office is open then, else the next opening."""
        d = local.date()
        hours = self.office_hours(d)
        if hours is not None:
            opening = datetime.combine(d, hours[0])
            if local < opening:
                return opening
            if local < datetime.combine(d, hours[1]):
                return local
        d = self.next_working_day(d)
        return datetime.combine(d, self.office_hours(d)[0])

    def _add_office_time(self, local: datetime, amount: timedelta) -> datetime:
        """Walk `amount` of office time forward from `local` (wall clock)."""
        current = self._opening_at_or_after(local)
        remaining = amount
        while True:
            d = current.date()
            closing = datetime.combine(d, self.office_hours(d)[1])
            available = closing - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            d = self.next_working_day(d)
            current = datetime.combine(d, self.office_hours(d)[0])


DEFAULT_CALENDAR = WorkCalendar()


def deadline(
    start: datetime, amount: float, unit: WaktuUnit | str, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> datetime:
    """When a step that started at `start` with time standard `amount unit` is due.

    The rule (time zone = the calendar's; office day = [opening, closing), no lunch break):

    - **MENIT / JAM** count office time: "2 Jam" is two hours during which the office is open.
      Counting begins at `start`, or at the next opening when `start` is outside office hours,
      and skips closed evenings, weekends, holidays and cuti bersama. A count that uses up a
      day exactly ends at that day's closing time (not the next opening).
    - **HARI** counts working days:
      * started *during* office hours: "N Hari" ends at the same clock time on the N-th next
        working day, clamped into that day's office hours (e.g. a Friday 16:15 start of "1 Hari"
        ends Monday 16:00 because Monday closes at 16:00);
      * started *outside* office hours (before opening, after closing, on a day off): counting
        begins at the next opening, that day is day 1, and "N Hari" ends at the closing time of
        the N-th working day (a Saturday-night start of "1 Hari" ends Monday 16:00).
      * a fractional part ("1,5 Hari") is then added as office time, one Hari being the
        calendar's `standard_day` (Monday's hours: 8 h 30 min by default).
    - amount 0 returns `start`, moved to the next opening if the office is closed then.

    Raises ValueError for a naive `start` or a negative / non-finite `amount`.
    """
    unit = WaktuUnit(unit)
    amount = float(amount)
    if not math.isfinite(amount) or amount < 0:
        raise ValueError(f"amount must be a non-negative number, got {amount!r}")
    local = calendar._local(start)
    if unit is WaktuUnit.MENIT:
        end = calendar._add_office_time(local, timedelta(minutes=amount))
    elif unit is WaktuUnit.JAM:
        end = calendar._add_office_time(local, timedelta(hours=amount))
    else:
        end = _add_days(calendar, local, amount)
    return calendar._aware(end)


def _add_days(calendar: WorkCalendar, local: datetime, amount: float) -> datetime:
    whole = int(amount)
    fraction = amount - whole
    if whole == 0:
        end = calendar._opening_at_or_after(local)
    else:
        d = local.date()
        hours = calendar.office_hours(d)
        in_hours = hours is not None and hours[0] <= local.time() < hours[1]
        if in_hours:
            for _ in range(whole):
                d = calendar.next_working_day(d)
            opening, closing = calendar.office_hours(d)
            clock = min(max(local.time(), opening), closing)
            end = datetime.combine(d, clock)
        else:
            d = calendar._opening_at_or_after(local).date()  # day 1
            for _ in range(whole - 1):
                d = calendar.next_working_day(d)
            end = datetime.combine(d, calendar.office_hours(d)[1])
    if fraction > 0:
        end = calendar._add_office_time(end, calendar.standard_day * fraction)
    return end


def working_time_between(a: datetime, b: datetime, calendar: WorkCalendar = DEFAULT_CALENDAR) -> timedelta:
    """Office time between `a` and `b` (only minutes when the office is open); zero if b <= a.

    For MENIT and JAM it is the inverse of `deadline`:
    `working_time_between(s, deadline(s, m, MENIT)) == timedelta(minutes=m)`.
    """
    start = calendar._local(a)
    end = calendar._local(b)
    if end <= start:
        return timedelta(0)
    total = timedelta(0)
    d = start.date()
    last = end.date()
    one_day = timedelta(days=1)
    while d <= last:
        hours = calendar.office_hours(d)
        if hours is not None:
            lo = max(start, datetime.combine(d, hours[0]))
            hi = min(end, datetime.combine(d, hours[1]))
            if hi > lo:
                total += hi - lo
        d += one_day
    return total


__all__ = [
    "DEFAULT_CALENDAR",
    "DEFAULT_HOURS",
    "EXTRA_DAY_OFF_NAME",
    "OfficeHours",
    "WorkCalendar",
    "deadline",
    "working_time_between",
]
