"""Which triwulan a data collection is about, from the day it starts (pure)."""

from __future__ import annotations

from datetime import date


def last_quarter_ended(day: date) -> tuple[int, int]:
    """(year, triwulan) of the last quarter that ended before `day`: in January–March that is the
    previous year's triwulan IV."""
    if day.month <= 3:
        return day.year - 1, 4
    return day.year, (day.month - 1) // 3


def collection_period(run_year: int, started: date) -> tuple[int, int]:
    """The triwulan a data-kinerja collection started on `started` for the performance year
    `run_year` gathers: the last quarter ended before it started, but never later than that year's
    triwulan IV (a run about an earlier year collects its last quarter). A run started before any
    quarter of its year ended (January–March of that year) collects the previous year's triwulan IV:
    nothing of its own year can be reported yet."""
    return min(last_quarter_ended(started), (run_year, 4))
