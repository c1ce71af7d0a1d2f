"""Entry windows: when the realisation of a triwulan may be entered on time.

A window opens and closes a number of working days (the office's own calendar: its hours, holidays
and special days) after the quarter ends; both numbers are the office's KinerjaSetting. Entries
after the close are accepted but flagged late. A data-kinerja run that opens the collection of the
triwulan earlier (alur.kinerja.collection.opened_on) lets the units enter from that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alur.workdays.selectors import calendar_for

from .setup import setting_for

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class EntryWindow:
    year: int
    triwulan: int
    opens: date
    closes: date
    opened_by_run: bool = False  # a run's collection opened the entry before the computed day

    def is_late(self, day: date) -> bool:
        return day > self.closes

    def is_open(self, day: date) -> bool:
        return self.opens <= day <= self.closes


def quarter_end(year: int, triwulan: int) -> date:
    month, day = QUARTER_END[triwulan]
    return date(year, month, day)


def working_days_after(calendar, start: date, count: int) -> date:
    """The `count`-th working day after `start` (0 = the first working day after it)."""
    day = calendar.next_working_day(start)
    for _ in range(count):
        day = calendar.next_working_day(day)
    return day


def entry_window(office, year: int, triwulan: int, setting=None) -> EntryWindow:
    # lazy: kinerja.collection (issue 17 S5) will reach the services, which import windows
    from .collection import opened_on

    setting = setting or setting_for(office)
    calendar = calendar_for(office)
    end = quarter_end(year, triwulan)
    opens = working_days_after(calendar, end, setting.window_opens_after)
    closes = working_days_after(calendar, end, max(setting.window_closes_after - 1, setting.window_opens_after))
    opened = opened_on(office, year, triwulan)
    if opened is not None and opened < opens:
        return EntryWindow(year=year, triwulan=triwulan, opens=opened, closes=closes, opened_by_run=True)
    return EntryWindow(year=year, triwulan=triwulan, opens=opens, closes=closes)


def current_period(today: date) -> tuple[int, int]:
    """The triwulan whose entry is due now: the last one that has ended."""
    quarter = (today.month - 1) // 3  # quarters fully ended this year
    if quarter == 0:
        return today.year - 1, 4
    return today.year, quarter
