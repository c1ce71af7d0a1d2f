"""Which triwulan a data collection is about, from the day it starts (pure)."""

from __future__ import annotations

import re
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


# The subject of a run (issue 18): the reporting year a run is about, and for a quarterly collection
# the triwulan, chosen at start. These are the sensible defaults the start form offers.

def report_year(day: date) -> int:
    """A report on a whole year (LKjIP, LAKIP): last year's, except in December, when the year's own
    report is being prepared."""
    return day.year if day.month == 12 else day.year - 1


def plan_year(day: date) -> int:
    """A plan prepared ahead (Renja): next year's."""
    return day.year + 1


def this_year(day: date) -> int:
    """A document of the year in progress (IKU, Renstra's table for the year)."""
    return day.year


def agreement_year(day: date) -> int:
    """A yearly commitment (PK, signed in January): this year's, except in December, when next year's is
    prepared."""
    return day.year + 1 if day.month == 12 else day.year


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def subject_label(year: int, triwulan: int | None) -> str:
    """How a run's subject reads in its title: "Tahun 2026" or "Triwulan III 2026"."""
    return f"Triwulan {ROMAN[triwulan]} {year}" if triwulan else f"Tahun {year}"


def _triwulan_words(text: str) -> set[int]:
    """The triwulans a free text names ("Triwulan IV", "TW 3", "triwulan ke-2")."""
    numbers = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
    found = set()
    for match in re.finditer(r"\b(?:triwulan|tw)\s*(?:ke-?\s*)?(iv|iii|ii|i|[1-4])\b", text, re.IGNORECASE):
        found.add(numbers[match.group(1).lower()])
    return found


def title_conflict(title: str, triwulan: int | None) -> int | None:
    """The triwulan a run's title names when it is not the chosen one (a run titled "Triwulan IV 2026"
    must not collect triwulan III), else None."""
    if triwulan is None:
        return None
    named = _triwulan_words(title) - {triwulan}
    return min(named) if named and triwulan not in _triwulan_words(title) else None
