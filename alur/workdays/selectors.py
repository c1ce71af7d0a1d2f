from alur.core.calendar import DEFAULT_CALENDAR, WorkCalendar

from .models import OfficeHours, SpecialDay


def calendar_for(office) -> WorkCalendar:
    """The office's WorkCalendar: its hours (or the default) plus its own special days."""
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
