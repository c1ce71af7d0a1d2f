import time

from alur.core.calendar import DEFAULT_CALENDAR, WorkCalendar

from .models import OfficeHours, SpecialDay

# Deadlines are computed on every task opening; an office's calendar changes rarely. Entries are
# dropped when this process saves hours or special days (signals.py) and expire after a minute
# so that changes made by other processes are seen too.
CACHE_SECONDS = 60
_cache: dict[int, tuple[float, WorkCalendar]] = {}


def calendar_for(office) -> WorkCalendar:
    """The office's WorkCalendar: its hours (or the default) plus its own special days."""
    cached = _cache.get(office.pk)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    calendar = _load(office)
    _cache[office.pk] = (time.monotonic(), calendar)
    return calendar


def forget(office_id: int | None = None) -> None:
    if office_id is None:
        _cache.clear()
    else:
        _cache.pop(office_id, None)


def _load(office) -> WorkCalendar:
    hours = OfficeHours.objects.filter(office=office).first()
    days = list(SpecialDay.objects.filter(office=office).values_list("date", "kind"))
    if hours is None and not days:
        return DEFAULT_CALENDAR
    return WorkCalendar(
        hours=hours.weekly() if hours else DEFAULT_CALENDAR.hours,
        tz=hours.tz if hours else DEFAULT_CALENDAR.tz,
        extra_days_off=frozenset(d for d, k in days if k == SpecialDay.Kind.OFF),
        working_saturdays=frozenset(d for d, k in days if k == SpecialDay.Kind.WORKING),
    )
